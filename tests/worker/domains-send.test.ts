/**
 * A campaign from a verified sending domain through the real pipeline (API → CampaignRunner →
 * Queue → consumer → SMTP into the loopback smtp-server): the message is signed with the
 * domain's own key (d= the domain, s= its selector), and mailauth, reading the DKIM record the
 * domain page told us to publish from the local DNS, says it passes. Mail from an
 * operator-trusted domain the account did not add keeps the deployment's behaviour (here: unsigned).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, seedAccount, type Seeded } from "./helpers";
import { MJML } from "./campaign-helpers";
import { DNS, addDomain, check, freshDomain, publish } from "./domain-helpers";

type Got = { rcptTo: string[]; headerNames: string[]; raw: string; from: string };
const SMTP = env.SMTP_TEST as { control: string };

async function receivedFor(t: string): Promise<Got[]> {
  return (await fetch(`${SMTP.control}/messages?to=${encodeURIComponent(t)}`)).json();
}

async function sendCampaign(s: Seeded, t: string, fromAddress: string): Promise<void> {
  const key = s.users.owner.key;
  const listId = ((await (await api("/lists", { key, body: { name: "Firmas" } })).json()) as { id: string }).id;
  expect((await api("/contacts", { key, body: { email: `ana@${t}.empresa.pe`, firstName: "Ana", company: "Andina SAC", listIds: [listId], consent: { email: true } } })).status).toBe(201);
  const templateId = ((await (await api("/templates", { key, body: { name: "Aviso", source: MJML } })).json()) as { id: string }).id;
  const res = await api("/campaigns", { key, body: { name: "Firmada", subject: "Hola {{nombre}}", fromName: "Municipalidad", fromAddress, templateId, audience: { listIds: [listId], segmentIds: [] } } });
  expect(res.status).toBe(201);
  const id = ((await res.json()) as { id: string }).id;
  expect((await api(`/campaigns/${id}/send`, { method: "POST", key })).status).toBe(200);
  for (let i = 0; i < 300; i++) {
    const c = (await (await api(`/campaigns/${id}`, { key })).json()) as { status: string };
    if (c.status === "sent") return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the campaign never finished");
}

describe("DKIM with the sending domain's key", () => {
  it("signs mail from a verified domain with its own key and selector, and it verifies", async () => {
    const s = await seedAccount({ email: 100 });
    const d = await addDomain(s.users.owner.key, freshDomain("firma"));
    await publish(d);
    expect((await check(s.users.owner.key, d.id)).verified).toBe(true);
    const t = `k${Date.now().toString(36)}`;
    await sendCampaign(s, t, `avisos@${d.domain}`);

    const [got, ...more] = await receivedFor(t);
    expect(more).toEqual([]);
    expect(got!.headerNames[0]).toBe("dkim-signature");
    const verdicts = await (await fetch(`${DNS}/dkim-verify`, { method: "POST", body: got!.raw })).json();
    expect(verdicts).toEqual([{ domain: d.domain, selector: d.selector, result: "pass", comment: null }]);
    // A byte changed in transit breaks it: the verifier really checked.
    const tampered = got!.raw.replace("Hola Ana", "Hola Eva");
    const broken = (await (await fetch(`${DNS}/dkim-verify`, { method: "POST", body: tampered })).json()) as { result: string }[];
    expect(broken[0]!.result).toBe("fail");
  });

  it("leaves mail from an operator-trusted domain the account did not add as before", async () => {
    const s = await seedAccount({ email: 100 });
    const t = `u${Date.now().toString(36)}`;
    await sendCampaign(s, t, "avisos@empresa.pe");
    const [got] = await receivedFor(t);
    expect(got!.headerNames).not.toContain("dkim-signature");
  });
});
