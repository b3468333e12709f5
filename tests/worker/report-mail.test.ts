// The monthly report email (R1): the cron "0 5 1 * *" run through the Worker's scheduled handler
// against the loopback SMTP server; one message to the owner with the PDF (loaded by pdf-lib)
// and the CSV attached, parsed back with postal-mime; a second run sends nothing; a relay's
// refusal is recorded and retried by the minute cron a bounded number of times.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import PostalMime from "postal-mime";
import { PDFDocument } from "pdf-lib";
import { randomToken } from "../../shared/auth/crypto";
import { REPORT_MAIL_MAX_ATTEMPTS, REPORT_MAIL_RETRY_MS } from "../../workers/reports/report-mail-store";
import type { Sent } from "./tracking-helpers";
import { addUser, campaignWithActivity, runCron } from "./export-helpers";

type Got = { rcptTo: string[]; subject: string; from: string; text: string; raw: string };
const SMTP = env.SMTP_TEST as { control: string };
const received = async (to: string): Promise<Got[]> => (await fetch(`${SMTP.control}/messages?to=${encodeURIComponent(to)}`)).json();
const MIN = 60_000;
const tag = () => randomToken(6).toLowerCase().replace(/[^a-z0-9]/g, "x");
const mailRow = (accountId: string, month: string) =>
  env.DB.prepare("SELECT status, recipient, detail FROM report_mails WHERE account_id = ? AND month = ?").bind(accountId, month).first<{ status: string; recipient: string | null; detail: string }>();

/** A sent campaign in June 2021 (Lima) with two opens and a click, its account existing since May 2021. */
async function juneAccount(ownerEmail: string): Promise<Sent> {
  const s = await campaignWithActivity(Date.UTC(2021, 5, 8, 15, 0)); // Tuesday 8 June 2021, 10:00 in Lima
  await env.DB.prepare("UPDATE accounts SET name = 'Municipalidad de Prueba', created_at = ? WHERE id = ?").bind(Date.UTC(2021, 4, 3), s.accountId).run();
  await addUser(s.accountId, "owner", ownerEmail);
  await addUser(s.accountId, "viewer");
  return s;
}

describe("the monthly report email", () => {
  const JULY_1 = Date.UTC(2021, 6, 1, 5); // 00:00 Lima on 1 July 2021
  let s: Sent;
  let owner: string;
  beforeAll(async () => {
    owner = `duena.${tag()}@reportes.test`;
    s = await juneAccount(owner);
  });

  it("mails the owner last month's summary with the PDF and the CSV attached, once", async () => {
    await runCron("0 5 1 * *", JULY_1);
    const got = (await received(owner)).filter((m) => m.subject.includes("junio de 2021"));
    expect(got).toHaveLength(1);
    const mail = got[0]!;
    expect(mail.rcptTo).toEqual([owner]);
    expect(mail.subject).toBe("Reporte de consumo de junio de 2021 · Municipalidad de Prueba");
    expect(mail.from).toBe('"Pregón" <no-responder@pregon.local>');
    expect(mail.text).toContain("Enviados: 3\n");
    expect(mail.text).toContain("Aperturas únicas: 2 (66,7\u00a0%)");
    expect(mail.text).toContain("Clics únicos: 1 (33,3\u00a0%)");

    const parsed = await PostalMime.parse(mail.raw);
    expect(parsed.headers.find((h) => h.key === "auto-submitted")?.value).toBe("auto-generated");
    expect(parsed.attachments.map((a) => [a.filename, a.mimeType])).toEqual([
      ["reporte-mensual-2021-06.pdf", "application/pdf"],
      ["reporte-mensual-2021-06.csv", "text/csv"],
    ]);
    const pdfBytes = new Uint8Array(parsed.attachments[0]!.content as ArrayBuffer);
    expect(new TextDecoder().decode(pdfBytes.subarray(0, 5))).toBe("%PDF-");
    expect((await PDFDocument.load(pdfBytes)).getPageCount()).toBeGreaterThanOrEqual(1);
    const csvBytes = new Uint8Array(parsed.attachments[1]!.content as ArrayBuffer);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(csvBytes)).toContain("Oferta");

    expect(await mailRow(s.accountId, "2021-06")).toMatchObject({ status: "sent", recipient: owner });
    expect((await mailRow(s.accountId, "2021-06"))!.detail).toMatch(/^attempt 1: 250 /);

    // The same trigger again, and the minute cron's catch-up later that day: nothing more.
    await runCron("0 5 1 * *", JULY_1);
    await runCron("* * * * *", JULY_1 + 30 * MIN);
    expect((await received(owner)).filter((m) => m.subject.includes("junio de 2021"))).toHaveLength(1);
  });

  it("is caught up by the minute cron when the monthly run was missed", async () => {
    const late = `tarde.${tag()}@reportes.test`;
    const t = await juneAccount(late);
    // Accounts still due are mailed a few a minute; this one may wait behind others of this file.
    for (let i = 0; i < 10 && (await mailRow(t.accountId, "2021-06"))?.status !== "sent"; i++) await runCron("* * * * *", JULY_1 + (3 + i) * MIN);
    expect((await received(late)).filter((m) => m.subject.includes("junio de 2021"))).toHaveLength(1);
  });

  it("records a refusal and retries it on later minutes, a bounded number of times", async () => {
    const refused = `jefa.${tag()}.reject-550@reportes.test`;
    const r = await juneAccount(refused);
    await runCron("0 5 1 * *", JULY_1);
    const first = await mailRow(r.accountId, "2021-06");
    expect(first).toMatchObject({ status: "failed", recipient: refused });
    expect(first!.detail).toMatch(/^attempt 1: 550 /);
    // Before the wait is over, nothing is tried.
    await runCron("* * * * *", JULY_1 + MIN);
    expect((await mailRow(r.accountId, "2021-06"))!.detail).toMatch(/^attempt 1: /);
    let t = JULY_1;
    for (let attempt = 2; attempt <= REPORT_MAIL_MAX_ATTEMPTS; attempt++) {
      t += REPORT_MAIL_RETRY_MS + MIN;
      await runCron("* * * * *", t);
      expect((await mailRow(r.accountId, "2021-06"))!.detail).toMatch(new RegExp(`^attempt ${attempt}: 550 `));
    }
    await runCron("* * * * *", t + 10 * REPORT_MAIL_RETRY_MS);
    const last = await mailRow(r.accountId, "2021-06");
    expect(last).toMatchObject({ status: "failed" });
    expect(last!.detail).toMatch(new RegExp(`^attempt ${REPORT_MAIL_MAX_ATTEMPTS}: 550 `));
  });
});
