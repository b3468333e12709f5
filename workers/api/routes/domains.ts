/**
 * Sending domains (E5): add a domain (its DKIM key pair is made here), see exactly which TXT
 * records to publish, check them over DNS-over-HTTPS, remove it. A campaign may be sent from a
 * domain once SPF and DKIM check ok; its mail is then signed with the domain's own key.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { CreateDomainBody } from "../../../shared/api/schemas-domains";
import { normalizeDomain, recordsToPublish, selectorFor } from "../../../shared/email/domain-records";
import type { DomainCheck } from "../../../shared/email/domain-checks";
import type { AppEnv } from "../context";
import { ApiError, conflict, notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { generateDomainKey } from "../../email/domain-keys";
import { bounceDomainOf, checkDomainDns, spfIncludeOf } from "../../email/domain-dns";
import { deleteDomain, findDomain, insertDomain, listDomains, saveCheck, type DomainRow } from "../../email/domain-store";

type Status = "pending" | "ok" | "missing" | "wrong" | "error";
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function summary(r: DomainRow) {
  return {
    id: r.id,
    domain: r.domain,
    selector: r.selector,
    spf: r.spf as Status,
    dkim: r.dkim as Status,
    dmarc: r.dmarc as Status,
    verified: r.verified === 1,
    checkedAt: iso(r.checked_at),
    createdAt: iso(r.created_at)!,
  };
}

function detail(r: DomainRow, env: { SPF_INCLUDE?: string; BOUNCE_DOMAIN?: string }) {
  const check = r.check_details ? (JSON.parse(r.check_details) as DomainCheck) : null;
  // Exactly one SPF record found: the one to publish is that record with the relay added.
  const currentSpf = check?.spf.found.filter((t) => /^v=spf1(?:\s|$)/i.test(t)) ?? [];
  const records = recordsToPublish({ domain: r.domain, selector: r.selector, publicKey: r.public_key, spfInclude: spfIncludeOf(env), currentSpf: currentSpf.length === 1 ? currentSpf[0] : null, bounceDomain: bounceDomainOf(env) });
  return { ...summary(r), records, check };
}

async function mustFind(db: D1Database, accountId: string, id: string): Promise<DomainRow> {
  const row = await findDomain(db, accountId, id);
  if (!row) throw notFound("Sending domain");
  return row;
}

export const domains = new Hono<AppEnv>()
  .get("/", guard("listDomains", operations.listDomains), async (c) => c.json({ domains: (await listDomains(c.env.DB, c.var.actor.accountId)).map(summary) }))
  .post("/", guard("createDomain", operations.createDomain), ...json(CreateDomainBody), async (c) => {
    const domain = normalizeDomain(c.req.valid("json").domain);
    if (!domain) throw new ApiError(400, "invalid_field", "domain: must be a domain name", "domain");
    const accountId = c.var.actor.accountId;
    const now = new Date();
    const id = crypto.randomUUID();
    c.set("audit", { targetType: "sending_domain", targetId: id, details: { domain } });
    const key = await generateDomainKey(c.env, accountId, domain);
    const added = await insertDomain(c.env.DB, { id, account_id: accountId, domain, selector: selectorFor(now), private_key: key.encryptedPrivateKey, public_key: key.publicKey, created_at: now.getTime() });
    if (!added) throw conflict(`The domain ${domain} was already added`, "domain");
    return c.json(detail(await mustFind(c.env.DB, accountId, id), c.env), 201);
  })
  .get("/:id", guard("getDomain", operations.getDomain), async (c) => c.json(detail(await mustFind(c.env.DB, c.var.actor.accountId, c.req.param("id")), c.env)))
  .post("/:id/check", guard("checkDomain", operations.checkDomain), async (c) => {
    const row = await mustFind(c.env.DB, c.var.actor.accountId, c.req.param("id"));
    const { verified, ...check } = await checkDomainDns(c.env, row);
    c.set("audit", { targetType: "sending_domain", targetId: row.id, details: { domain: row.domain, spf: check.spf.status, dkim: check.dkim.status, dmarc: check.dmarc.status, verified } });
    await saveCheck(c.env.DB, row.id, check, verified, Date.now());
    return c.json(detail(await mustFind(c.env.DB, row.account_id, row.id), c.env));
  })
  .delete("/:id", guard("deleteDomain", operations.deleteDomain), async (c) => {
    const id = c.req.param("id");
    c.set("audit", { targetType: "sending_domain", targetId: id });
    if (!(await deleteDomain(c.env.DB, c.var.actor.accountId, id))) throw notFound("Sending domain");
    return c.json({ ok: true as const });
  });
