/**
 * The SMS send path through the real chain: the Worker (wrangler dev) whose default connection
 * is Debian's Kannel (SMS_KANNEL_URL) in front of the simulated SMSC (dev/sms/). An SMS with bold
 * text goes in through POST /api/v1/sms; the SMSC must receive its parts intact (UCS-2, our UDH,
 * no surrogate pair cut), Kannel must call the dlr-url the product gave it with each part's
 * receipt, and the message must end `delivered` with its credit debited per segment. A second
 * message the SMSC refuses to deliver ends `failed`. Needs `apt-get install kannel`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKannel, startSmsc, type Kannel, type Smsc } from "../../dev/sms/kannel.mjs";
import { toBold } from "../../shared/sms/bold";
import { concatReference, splitSms, toHex } from "../../shared/sms/split";
import { freePort, hasLoneSurrogate } from "./sms-helpers";
import { startPregon, type Pregon } from "./worker";

const ADMIN = { email: "sms-admin@pregon.local", password: "sms-e2e-password-2026" };
const HOOK_SECRET = "e2e-sms-hook-secret";
let smsc: Smsc;
let kannel: Kannel;
let app: Pregon;
let session: { cookie: string; csrf: string };

beforeAll(async () => {
  const port = await freePort();
  smsc = await startSmsc({ config: { deliveryDelayMs: 100 } });
  kannel = await startKannel({ smsc: { port: smsc.port }, moUrl: `http://127.0.0.1:${port}/hooks/sms/local/mo?s=${HOOK_SECRET}`, maxMessages: 10 });
  app = await startPregon(
    ADMIN,
    {
      MX_CHECKS: "off",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SMS_KANNEL_URL: kannel.sendsmsUrl.replace(/\/cgi-bin\/sendsms$/, ""),
      SMS_KANNEL_USER: kannel.username,
      SMS_KANNEL_PASSWORD: kannel.password,
      SMS_SENDER: "MUNILIMA",
      SMS_HOOK_SECRET: HOOK_SECRET,
    },
    { port },
  );
  const login = await fetch(`${app.url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(ADMIN) });
  expect(login.status).toBe(200);
  session = { cookie: login.headers.get("set-cookie")!.split(";")[0]!, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
});

afterAll(async () => {
  await app?.dispose();
  await kannel?.stop();
  await smsc?.stop();
});

async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: { Cookie: session.cookie, "X-CSRF-Token": session.csrf, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, data: (await res.json()) as T };
}

type Sms = { id: string; status: string; segments: number; connectionId: string | null; parts: { part: number; status: string }[] };

async function until(id: string, statuses: string[], timeoutMs = 30_000): Promise<Sms> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await call<Sms>("GET", `/sms/messages/${id}`);
    if (statuses.includes(data.status)) return data;
    if (Date.now() > end) throw new Error(`SMS ${id} stayed ${data.status}: ${JSON.stringify(data)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const smsCredits = async () => (await call<{ me: { sms: { available: number; reserved: number } } }>("GET", "/credits")).data.me.sms;

describe("POST /api/v1/sms → Kannel → SMSC → receipts", () => {
  it("delivers a bold multi-part SMS intact and debits one credit per segment", async () => {
    const before = await smsCredits();
    const text = `${toBold("Municipalidad de Lima")}: su ${toBold("licencia de funcionamiento")} fue aprobada. Recójala en la ventanilla 3 de lunes a viernes.`;
    const sent = await call<{ id: string; to: string; encoding: string; segments: number }>("POST", "/sms", { to: "987 100 201", text, confirmMultipart: true });
    expect(sent.status).toBe(202);
    const expected = splitSms(text, { reference: concatReference(sent.data.id) });
    expect(sent.data).toMatchObject({ to: "+51987100201", encoding: "UCS-2", segments: expected.parts.length });
    expect(expected.parts.length).toBeGreaterThan(1);

    const done = await until(sent.data.id, ["delivered", "failed", "expired", "rejected"]);
    expect(done.status).toBe("delivered");
    expect(done.connectionId).toBe("local");
    expect(done.parts).toEqual(expected.parts.map((p) => ({ part: p.seq, status: "delivered" })));

    const got = smsc.messages("51987100201").sort((a, b) => (a.concat?.seq ?? 0) - (b.concat?.seq ?? 0));
    expect(got).toHaveLength(expected.parts.length);
    got.forEach((m, i) => {
      const part = expected.parts[i]!;
      expect(m.from).toBe("MUNILIMA");
      expect(m.dataCoding).toBe(8);
      expect(m.udh?.toUpperCase()).toBe(part.udhHex);
      expect(m.body.toUpperCase()).toBe(toHex(part.bytes));
      expect(hasLoneSurrogate(m.text)).toBe(false);
    });
    expect(got.map((m) => m.text).join("")).toBe(text);
    const after = await smsCredits();
    expect([before.available - after.available, after.reserved]).toEqual([expected.parts.length, 0]);
  });

  it("ends `failed` when the SMSC reports the message undeliverable", async () => {
    smsc.configure({ outcomes: { "51987100202": "UNDELIV" } });
    const sent = await call<{ id: string }>("POST", "/sms", { to: "987100202", text: "Su cita fue reprogramada" });
    expect(sent.status).toBe(202);
    const done = await until(sent.data.id, ["delivered", "failed", "expired", "rejected"]);
    expect([done.status, done.parts]).toEqual(["failed", [{ part: 1, status: "failed" }]]);
  });
});
