/**
 * SMS provider connections and the portability table (S1), for owners and admins: list, add,
 * change and remove connections (the password is write-only and sealed at rest; the answer
 * carries the callback URLs, secret included, to configure at the provider); upload a
 * portability CSV (multipart field `file`: number,operator) and see how many numbers it holds.
 * The deployment's default connection (`local`, from SMS_KANNEL_URL) is listed, read-only,
 * when the account has no active connection of its own, since that is where its SMS go.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { CreateSmsConnectionBody, UpdateSmsConnectionBody } from "../../../shared/api/schemas-sms";
import type { AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { boundaryOf, MultipartError, readMultipart } from "../../audience/multipart";
import { callbackUrls, localConnection, type SmsConnection } from "../../sms/connections-store";
import { deleteConnection, findConnection, insertConnection, listConnections, updateConnection } from "../../sms/connections-admin";
import { PortabilitySink, portabilitySummary } from "../../sms/portability-store";
import { checkTarget } from "../../net/targets";

const MAX_PORTABILITY_BYTES = 100 * 1024 * 1024;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function present(c: Context<AppEnv>, conn: SmsConnection) {
  return {
    id: conn.id,
    name: conn.name,
    kind: conn.kind,
    baseUrl: conn.baseUrl,
    username: conn.username,
    hasPassword: conn.hasPassword,
    sender: conn.sender,
    operators: conn.operators,
    priority: conn.priority,
    ratePerSecond: conn.ratePerSecond,
    active: conn.active,
    builtIn: conn.builtIn,
    callbackUrls: callbackUrls(c.env, conn, new URL(c.req.url).origin),
    createdAt: iso(conn.createdAt),
    updatedAt: iso(conn.updatedAt),
  };
}

export const smsConnections = new Hono<AppEnv>()
  .get("/connections", guard("listSmsConnections", operations.listSmsConnections), async (c) => {
    const own = await listConnections(c.env, c.var.actor.accountId);
    const local = own.some((x) => x.active) ? null : await localConnection(c.env);
    return c.json({ connections: [...own, ...(local ? [local] : [])].map((x) => present(c, x)) });
  })
  .post("/connections", guard("createSmsConnection", operations.createSmsConnection), ...json(CreateSmsConnectionBody), async (c) => {
    const b = c.req.valid("json");
    checkTarget(c.env, "baseUrl", b.baseUrl);
    const conn = await insertConnection(c.env, c.var.actor.accountId, { ...b, username: b.username ?? null, password: b.password ?? null }, Date.now());
    c.set("audit", { targetType: "sms_connection", targetId: conn.id, details: { name: conn.name, kind: conn.kind, baseUrl: conn.baseUrl } });
    return c.json(present(c, conn), 201);
  })
  .patch("/connections/:id", guard("updateSmsConnection", operations.updateSmsConnection), ...json(UpdateSmsConnectionBody), async (c) => {
    const id = c.req.param("id");
    const b = c.req.valid("json");
    c.set("audit", { targetType: "sms_connection", targetId: id, details: { ...b, password: b.password === undefined ? undefined : "(changed)" } });
    if (b.baseUrl !== undefined) checkTarget(c.env, "baseUrl", b.baseUrl);
    const conn = await updateConnection(c.env, c.var.actor.accountId, id, b, Date.now());
    if (!conn) throw notFound("SMS connection");
    return c.json(present(c, conn));
  })
  .delete("/connections/:id", guard("deleteSmsConnection", operations.deleteSmsConnection), async (c) => {
    const id = c.req.param("id");
    c.set("audit", { targetType: "sms_connection", targetId: id });
    if (!(await findConnection(c.env, c.var.actor.accountId, id)) || !(await deleteConnection(c.env, c.var.actor.accountId, id))) throw notFound("SMS connection");
    return c.json({ ok: true as const });
  })
  .post("/portability", guard("uploadSmsPortability", operations.uploadSmsPortability), async (c) => {
    const boundary = boundaryOf(c.req.header("Content-Type"));
    if (!boundary || !c.req.raw.body) throw new ApiError(400, "invalid_field", 'file: send multipart/form-data with the CSV in field "file"', "file");
    const sink = new PortabilitySink(c.env.DB, c.var.actor.accountId, Date.now());
    let upload;
    try {
      upload = await readMultipart(c.req.raw.body, boundary, "file", MAX_PORTABILITY_BYTES, async () => sink);
    } catch (err) {
      if (err instanceof MultipartError) throw new ApiError(err.status, err.status === 413 ? "payload_too_large" : "invalid_field", `file: ${err.message}`, "file");
      throw err;
    }
    if (!upload.file) throw new ApiError(400, "invalid_field", "file: is required", "file");
    const result = await sink.end();
    c.set("audit", { targetType: "sms_portability", targetId: c.var.actor.accountId, details: { imported: result.imported, rejected: result.rejectedTotal } });
    return c.json(result);
  })
  .get("/portability", guard("getSmsPortability", operations.getSmsPortability), async (c) => c.json(await portabilitySummary(c.env.DB, c.var.actor.accountId)));
