// Generated cases in this file: 8 properties × ENDPOINT_RUNS (60) = 480 requests per run (plus 3 regression tests).
/**
 * Fuzzing (fast-check) of the public HTTP endpoints through the Worker's own fetch: SMS receipt
 * and MO hooks with the right connection secret, the hosted form, the recipient links (/t/o,
 * /t/c, /u, /v, /v/p, /s, /x, /f/confirm) with made-up tokens, the login with junk bodies, a
 * CSV import of random bytes and MJML templates (mjml-browser runs only in the Workers runtime).
 * Whatever arrives: never a 5xx, a JSON refusal keeps the one error shape, and a refused
 * request writes nothing (rows and stored files counted before and after).
 */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { localHookSecret } from "../../workers/sms/connections-store";
import { api, seedAccount, type Seeded } from "./helpers";
import { newList, upload, waitDone } from "./import-helpers";
import { addConnection, type Conn } from "./sms-inbound-helpers";

/** Runs per property; docs/reliability.md quotes it. */
export const ENDPOINT_RUNS = 60;

const count = async (sql: string, ...params: unknown[]) => (await env.DB.prepare(sql).bind(...params).first<number>("n")) ?? 0;

/** A refusal answered in JSON has the one error shape of the API and hooks. */
async function checkRefusal(res: Response): Promise<void> {
  expect(res.status).toBeLessThan(500);
  if (res.status < 400 || !(res.headers.get("Content-Type") ?? "").includes("application/json")) return void (await res.arrayBuffer());
  const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code).toBe("string");
  expect(typeof body.error?.message).toBe("string");
}

/** Query and form text rich in the names and escapes the hooks read. */
const queryText = fc
  .array(fc.oneof(fc.constantFrom("msg=", "part=", "type=", "reply=", "fid=", "ts=", "from=", "to=", "text=", "charset=", "coding=", "binary=", "content=", "message_status=", "&", "=", "%", "%zz", "%FF", "+", "1", "34", "m_1", "51987654321", "987654321", "BAJA", "UTF-16BE", "DELIVRD", "id:7 stat:DELIVRD"), fc.string({ maxLength: 6 })), { maxLength: 14 })
  .map((w) => w.join(""));
const jsonish = fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.string({ maxLength: 60 }), fc.constantFrom("null", "[]", "{", '{"from":"+51987654321","text":"BAJA"}', '{"status":"DELIVRD","part":999}'));
const contentType = fc.constantFrom("application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data", "multipart/form-data; boundary=x", "");
/** Tokens: URL-safe shapes like ours, and anything else (escaped into one path segment). */
const token = fc
  .oneof(
    fc.string({ unit: fc.constantFrom(..."ABCxyz019-_."), minLength: 1, maxLength: 80 }),
    fc.string({ minLength: 1, maxLength: 60 }),
    fc.tuple(fc.base64String({ minLength: 4, maxLength: 40 }), fc.base64String({ minLength: 24, maxLength: 24 })).map(([a, b]) => `${a}.${b}`.replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "")),
  )
  .filter((t) => !/^\.+$/.test(t))
  .map(encodeURIComponent);

let s: Seeded;
let conns: Conn[];
let local: Pick<Conn, "id" | "secret">;
let formPath: string;
let listId: string;

beforeAll(async () => {
  s = await seedAccount();
  conns = [await addConnection(s.accountId, "kannel"), await addConnection(s.accountId, "jasmin"), await addConnection(s.accountId, "http-json")];
  local = { id: "local", secret: await localHookSecret({ LINK_SECRET: "test-link-secret" }) };
  const list = (await (await api("/lists", { key: s.users.owner.key, body: { name: "Fuzz" } })).json()) as { id: string; formUrl: string };
  formPath = new URL(list.formUrl).pathname;
  listId = await newList(s, "Importaciones");
});

describe("fuzz: SMS hooks", () => {
  it("receipt hooks (Kannel, Jasmin, JSON): any query and body with the right secret is queued or refused, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 }), fc.constantFrom("GET", "POST"), queryText, fc.oneof(queryText, jsonish), contentType, async (k, method, query, body, type) => {
        const conn = conns[k]!;
        const res = await SELF.fetch(`http://127.0.0.1/hooks/sms/${conn.id}/dlr?s=${conn.secret}&${query}`, { method, body: method === "POST" ? body : undefined, headers: type ? { "Content-Type": type } : {} });
        expect([200, 400]).toContain(res.status);
        await checkRefusal(res);
      }),
      { numRuns: ENDPOINT_RUNS },
    );
  });

  it("MO hooks: any message is stored or refused, never a 5xx; a refusal stores nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 3 }), fc.constantFrom("GET", "POST"), queryText, fc.oneof(queryText, jsonish), contentType, async (k, method, query, body, type) => {
        const conn = k === 3 ? local : conns[k]!;
        const before = await count("SELECT COUNT(*) AS n FROM sms_inbound");
        const res = await SELF.fetch(`http://127.0.0.1/hooks/sms/${conn.id}/mo?s=${conn.secret}&${query}`, { method, body: method === "POST" ? body : undefined, headers: type ? { "Content-Type": type } : {} });
        expect([200, 400, 413]).toContain(res.status);
        const refused = res.status >= 400;
        await checkRefusal(res);
        if (refused) expect(await count("SELECT COUNT(*) AS n FROM sms_inbound")).toBe(before);
      }),
      { numRuns: ENDPOINT_RUNS },
    );
  });
});

describe("fuzz: hosted form and recipient links", () => {
  it("the form takes any fields and body: thanks or a 4xx, and a refusal adds no contact nor member", async () => {
    const field = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("yes", "no", "ana@x.pe", " Rosa@Empresa.PE ", "987 654 321", "<script>", "x".repeat(400)));
    const fields = fc.dictionary(fc.constantFrom("email", "firstName", "lastName", "company", "phone", "consent", "smsConsent", "website", "__proto__", "constructor", "x"), field);
    await fc.assert(
      fc.asyncProperty(fields, fc.oneof(fc.constant(null), jsonish), contentType, fc.boolean(), fc.ipV4(), async (f, rawBody, type, embed, ip) => {
        const before = [await count("SELECT COUNT(*) AS n FROM contacts WHERE account_id = ?", s.accountId), await count("SELECT COUNT(*) AS n FROM list_members lm JOIN lists l ON l.id = lm.list_id WHERE l.account_id = ?", s.accountId)];
        const body = rawBody ?? (type === "application/json" ? JSON.stringify(f) : new URLSearchParams(f).toString());
        const res = await SELF.fetch(`http://127.0.0.1${formPath}${embed ? "?embed=1" : ""}`, { method: "POST", body, headers: { "CF-Connecting-IP": ip, ...(type ? { "Content-Type": type } : {}) } });
        const refused = res.status >= 400;
        await checkRefusal(res);
        if (refused) {
          const after = [await count("SELECT COUNT(*) AS n FROM contacts WHERE account_id = ?", s.accountId), await count("SELECT COUNT(*) AS n FROM list_members lm JOIN lists l ON l.id = lm.list_id WHERE l.account_id = ?", s.accountId)];
          expect(after).toEqual(before);
        }
      }),
      { numRuns: ENDPOINT_RUNS },
    );
  });

  it("made-up tokens on every recipient link: never a 5xx, never accepted, nothing recorded", async () => {
    const route = fc.constantFrom("GET /t/o/", "GET /t/c/", "GET /u/", "POST /u/", "GET /v/", "GET /v/p/", "GET /s/", "GET /x/", "GET /f/confirm/", "GET /f/", "POST /f/");
    await fc.assert(
      fc.asyncProperty(route, token, async (r, t) => {
        const [method, path] = r.split(" ") as [string, string];
        const before = await count("SELECT COUNT(*) AS n FROM events");
        const res = await SELF.fetch(`http://127.0.0.1${path}${t}`, { method, body: method === "POST" ? "email=a%40b.pe&consent=yes" : undefined, headers: method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}, redirect: "manual" });
        expect(res.status).toBeLessThan(500);
        // The pixel is always the GIF; every other link refuses a token it did not sign.
        if (path === "/t/o/") expect(res.status).toBe(200);
        else expect(res.status).toBeGreaterThanOrEqual(400);
        await res.arrayBuffer();
        expect(await count("SELECT COUNT(*) AS n FROM events")).toBe(before);
      }),
      { numRuns: ENDPOINT_RUNS },
    );
  });
});

describe("fuzz: login and CSV import", () => {
  it("login with junk bodies: a 4xx in the error shape, never a 5xx, never a session", async () => {
    const body = fc.oneof(jsonish, fc.record({ email: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), password: fc.oneof(fc.string(), fc.integer(), fc.array(fc.string())) }).map((v) => JSON.stringify(v)), fc.uint8Array({ maxLength: 100 }));
    await fc.assert(
      fc.asyncProperty(body, contentType, fc.ipV4(), async (b, type, ip) => {
        const before = await count("SELECT COUNT(*) AS n FROM sessions");
        const res = await SELF.fetch("http://127.0.0.1/api/v1/auth/login", { method: "POST", body: b, headers: { "CF-Connecting-IP": ip, ...(type ? { "Content-Type": type } : {}) } });
        expect(res.status).toBeGreaterThanOrEqual(400);
        await checkRefusal(res);
        expect(await count("SELECT COUNT(*) AS n FROM sessions")).toBe(before);
      }),
      { numRuns: ENDPOINT_RUNS },
    );
  });

  it("junk JSON on an authenticated API route is a 4xx, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(jsonish, fc.constantFrom("/lists", "/contacts", "/segments", `/lists/${"x"}/imports`), async (b, path) => {
        const res = await api(path, { method: "POST", key: s.users.owner.key, raw: b, headers: { "Content-Type": "application/json" } });
        await checkRefusal(res);
      }),
      { numRuns: ENDPOINT_RUNS },
    );
  });

  it("a CSV import of random bytes is refused with nothing stored, or accepted and run to an end", async () => {
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 400 }), queryText.map((t) => t.replace(/&/g, "\n").replace(/=/g, ",")), fc.constantFrom("correo\nana@x.pe\n", "\uFEFFemail;nombre\r\n\"a@b.pe\";\"x\"\"y\r\n", "PK\u0003\u0004xx"));
    const extra = fc.record({ start: fc.constantFrom("true", "false"), policy: fc.constantFrom("upsert", "insert", "junk") }, { requiredKeys: [] }).chain((e) => fc.option(fc.oneof(jsonish, fc.constant('["email"]')), { nil: undefined }).map((m) => (m === undefined ? e : { ...e, mapping: m })));
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(bytes, extra, async (content, fields) => {
        const prefix = `imports/${s.accountId}/`;
        const rows = async () => count("SELECT COUNT(*) AS n FROM imports WHERE account_id = ?", s.accountId);
        const files = async () => (await env.FILES.list({ prefix })).objects.map((o) => o.key);
        const before = { rows: await rows(), files: await files() };
        const res = await upload(s, listId, content, "contactos.csv", fields as Record<string, string>);
        expect(res.status).toBeLessThan(500);
        seen.add(res.status === 202 ? "accepted" : "refused");
        if (res.status !== 202) {
          await checkRefusal(res);
          expect({ rows: await rows(), files: await files() }).toEqual(before);
          return;
        }
        const { importId, import: imp } = (await res.json()) as { importId: string; import: { status: string } };
        expect(await rows()).toBe(before.rows + 1);
        expect(await files()).toContain(`${prefix}${importId}`);
        if (imp.status === "queued") expect(["done", "failed"]).toContain((await waitDone(s, importId)).status);
      }),
      { numRuns: ENDPOINT_RUNS },
    );
    expect([...seen].sort()).toEqual(["accepted", "refused"]);
  });
});

describe("fuzz: MJML templates", () => {
  it("any MJML source is saved (201) or refused with invalid_template at a line, never a 5xx; a refusal saves nothing", async () => {
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("Hola {{nombre}}", "{{ nombre | \"amigo\" }}", "{{{ html }}}", "{{", "}}", "{{ x | fechas }}", "<b>negrita</b>", "&nbsp;", "<", "<!--", "]]>", "{{enlace_baja}}"));
    const attr = fc.oneof(fc.constantFrom(' padding="10px"', ' color="#ff0000"', ' href="https://x.pe"', ' font-size="x"', ' src="javascript:alert(1)"', ' width="-5px"', ""), fc.string({ maxLength: 12 }).map((v) => ` ${v}`));
    const leaf = fc.tuple(fc.constantFrom("mj-text", "mj-button", "mj-image", "mj-divider", "mj-spacer", "mj-raw", "mj-junk", "p"), attr, text).map(([t, a, x]) => `<${t}${a}>${x}</${t}>`);
    const column = fc.array(leaf, { maxLength: 3 }).map((l) => `<mj-column>${l.join("")}</mj-column>`);
    const section = fc.array(column, { maxLength: 2 }).map((c) => `<mj-section>${c.join("\n")}</mj-section>`);
    const source = fc.oneof(
      fc.array(section, { maxLength: 3 }).map((ss) => `<mjml><mj-body>\n${ss.join("\n")}\n</mj-body></mjml>`),
      fc.tuple(fc.array(section, { maxLength: 2 }), fc.nat(), fc.nat()).map(([ss, a, b]) => {
        const full = `<mjml><mj-body>${ss.join("")}</mj-body></mjml>`;
        return full.slice(0, a % (full.length + 1)) + full.slice(b % (full.length + 1)); // a cut-out middle: broken nesting
      }),
      fc.string({ maxLength: 200 }),
    );
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(source, async (src) => {
        const before = await count("SELECT COUNT(*) AS n FROM templates WHERE account_id = ?", s.accountId);
        const res = await api("/templates", { key: s.users.owner.key, body: { name: "Fuzz", source: src } });
        expect([201, 400]).toContain(res.status);
        seen.add(res.status);
        if (res.status === 201) return void (await res.arrayBuffer());
        const body = (await res.json()) as { error: { code: string; message: string; field?: string } };
        if (body.error.code === "invalid_template") expect(body.error.message).toMatch(/^source: line \d+: \S/);
        else expect(body.error.code).toBe("invalid_field");
        expect(await count("SELECT COUNT(*) AS n FROM templates WHERE account_id = ?", s.accountId)).toBe(before);
      }),
      { numRuns: ENDPOINT_RUNS },
    );
    // The generator reaches both sides: sources the compiler takes and sources it refuses.
    expect([...seen].sort()).toEqual([201, 400]);
  });
});

describe("regressions found by fuzzing", () => {
  it("the form answers 400 to a multipart Content-Type with a body that is not multipart (was a 500)", async () => {
    const res = await SELF.fetch(`http://127.0.0.1${formPath}`, { method: "POST", body: "null", headers: { "Content-Type": "multipart/form-data; boundary=x" } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Escriba un correo electrónico válido.");
  });

  it("the form answers 400 to a JSON body of null (was a 500)", async () => {
    const res = await SELF.fetch(`http://127.0.0.1${formPath}`, { method: "POST", body: "null", headers: { "Content-Type": "application/json", Accept: "application/json" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_field", message: "email: Escriba un correo electrónico válido.", field: "email" } });
  });

  it("an import refused for its mapping field leaves no uploaded file behind (was an orphan in R2)", async () => {
    const prefix = `imports/${s.accountId}/`;
    const before = (await env.FILES.list({ prefix })).objects.map((o) => o.key);
    const res = await upload(s, listId, "correo\nana@x.pe\n", "contactos.csv", { start: "false", mapping: " " });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_field", message: "mapping: must be a JSON array", field: "mapping" } });
    expect((await env.FILES.list({ prefix })).objects.map((o) => o.key)).toEqual(before);
  });
});
