/**
 * Every bad input of the audience issue, as a real file from tests/fixtures/import, through the
 * real upload, Queue and D1: good rows go in, each bad row is reported with its line and reason,
 * and files that are not usable are refused at once. Expectations are those written in
 * tests/fixtures/import/README.md.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { csvCell } from "../../shared/import/csv-export";
import { api, errorOf, seedAccount } from "./helpers";
import { newList, report, upload, waitDone } from "./import-helpers";

const fixture = (name: string) => Uint8Array.from(atob(env.TEST_FIXTURES[name]!), (ch) => ch.charCodeAt(0));

async function importFixture(name: string, extra: Record<string, string> = {}) {
  const s = await seedAccount();
  const listId = await newList(s);
  const res = await upload(s, listId, fixture(name), name, extra);
  expect(res.status, name).toBe(202);
  const { importId } = (await res.json()) as { importId: string };
  const imp = await waitDone(s, importId);
  const rows = (await report(s, importId)).trim().split("\r\n").slice(1);
  return { s, listId, imp, rejected: rows.map((r) => r.slice(0, r.indexOf(","))).map(Number), rows };
}

async function emails(s: Awaited<ReturnType<typeof seedAccount>>, listId: string) {
  const page = (await (await api(`/contacts?listId=${listId}&limit=200`, { key: s.users.viewer.key })).json()) as { contacts: { email: string | null; phone: string | null; firstName: string | null; position: string | null; company: string | null }[] };
  return page.contacts.reverse();
}

describe("import of real-world files", () => {
  it.each([
    ["empty.csv", "empty_file"],
    ["header-only.csv", "no_rows"],
    ["not-csv.bin", "not_csv"],
    ["not-csv.pdf", "not_csv"],
    ["workbook.xlsx", "xlsx"],
    ["utf16le-unicode-text.txt", "not_csv"],
  ])("refuses %s with %s and keeps nothing", async (name, code) => {
    const s = await seedAccount();
    const listId = await newList(s);
    const res = await upload(s, listId, fixture(name), name);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code, field: "file" });
    expect((await env.FILES.list({ prefix: `imports/${s.accountId}/` })).objects).toHaveLength(0);
  });

  it("mixed-good-bad.csv: imports lines 2, 5, 9, 12, 14 and reports the rest by line", async () => {
    const { s, listId, imp, rows } = await importFixture("mixed-good-bad.csv");
    expect(imp.counts).toEqual({ rowsRead: 11, inserted: 5, updated: 0, skipped: 0, rejected: 6 });
    expect(rows.map((r) => r.split(",").slice(0, 2).join(","))).toEqual([
      "4,correo no válido (Dirección de correo mal escrita)",
      "6,sin correo ni celular",
      "7,se esperaban 5 columnas y la fila tiene 4",
      "8,comilla fuera de lugar",
      "10,duplicado de la línea 2",
      "13,campo entre comillas sin cerrar",
    ]);
    const list = await emails(s, listId);
    expect(list).toHaveLength(5);
    // Line 9: the email is good, the phone is not: the contact is kept without the phone.
    expect(list.find((c) => c.phone === null && c.email !== null && rows.every((r) => !r.startsWith("9,")))).toBeDefined();
  });

  it("ragged-columns.csv: rejects rows with too many or too few columns", async () => {
    const { imp, rejected, rows } = await importFixture("ragged-columns.csv");
    expect(rejected).toEqual([3, 4, 6, 7]);
    expect(rows[0]).toMatch(/^3,se esperaban 4 columnas y la fila tiene 3,/);
    expect(rows[1]).toMatch(/^4,se esperaban 4 columnas y la fila tiene 6,/);
    expect(imp.counts.inserted).toBe(3);
  });

  it("duplicates.csv: keeps first occurrences, by email in any case and by normalised phone", async () => {
    const { imp, rows } = await importFixture("duplicates.csv");
    expect(rows.map((r) => r.split(",").slice(0, 2).join(","))).toEqual([
      "4,duplicado de la línea 2",
      "6,duplicado de la línea 2",
      "8,duplicado de la línea 3",
      "9,duplicado de la línea 7",
    ]);
    expect(imp.counts.inserted).toBe(5);
  });

  it("win1252-semicolon.csv: decodes Excel's Spanish text and maps its headers", async () => {
    const { s, listId, imp } = await importFixture("win1252-semicolon.csv");
    expect(imp).toMatchObject({ encoding: "windows-1252", delimiter: ";", counts: { inserted: 5, rejected: 0 } });
    expect(imp.mapping).toEqual(["firstName", "lastName", "email", "phone", "position", "company", "custom:monto_asignado"]);
    const list = await emails(s, listId);
    expect(list.map((c) => c.position)).toContain("Jefa – Área de Imagen");
    expect(list.map((c) => c.company)).toContain("Consorcio Educa; Puno");
  });

  it("bom-utf8.csv, tabs.tsv, lone-cr.csv, single-column.csv, no-header.csv, multiline-quoted.csv: all rows in", async () => {
    for (const [name, rows] of [["bom-utf8.csv", 3], ["tabs.tsv", 3], ["lone-cr.csv", 2], ["single-column.csv", 3], ["no-header.csv", 3], ["multiline-quoted.csv", 4]] as const) {
      const { imp, s, listId } = await importFixture(name);
      expect(imp.status, name).toBe("done");
      expect(imp.counts.rejected, `${name}: ${JSON.stringify(await report(s, (imp as unknown as { id: string }).id))}`).toBe(0);
      expect(imp.counts.inserted, name).toBe(rows);
      if (name === "bom-utf8.csv") expect(imp.mapping[0]).toBe("email");
      if (name === "no-header.csv") expect(imp.hasHeader).toBe(false);
      if (name === "multiline-quoted.csv") expect((await emails(s, listId)).length).toBe(4);
    }
  });

  it("unterminated and runaway quotes cost one line each, not the file", async () => {
    const un = await importFixture("unterminated-quote.csv");
    expect(un.rejected).toEqual([2]);
    expect(un.imp.counts.inserted).toBe(2);
    const run = await importFixture("runaway-quote.csv");
    expect(run.rejected).toEqual([2]);
    expect(run.imp.counts.inserted).toBe(150);
    const stray = await importFixture("stray-quote.csv");
    // Line 5's quote is literal and fine, but its address "dora.dueñas@…" has a non-ASCII local
    // part, which relays often refuse (SMTPUTF8): with no phone, nothing reachable is left.
    expect(stray.rows.map((r) => r.split(",").slice(0, 2).join(","))).toEqual(["2,comilla fuera de lugar", "5,correo no válido (Dirección de correo mal escrita)"]);
  });

  it("formulas.csv: stores the text as typed and neutralises it in every CSV the product exports", async () => {
    const { s, listId, imp } = await importFixture("formulas.csv");
    expect(imp.counts.rejected).toBe(0);
    const list = await emails(s, listId);
    expect(list.map((c) => c.position)).toContain("+cmd|' /C calc'!A0");
    // The exports go through csvCell: a cell starting with = + - @ gets an apostrophe.
    expect(csvCell("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    const bad = "=HYPERLINK(\"http://x\")";
    await api("/suppressions", { key: s.users.owner.key, body: { kind: "email", value: "ana@empresa.pe", reason: bad } });
    const csv = await (await api("/suppressions/export.csv", { key: s.users.owner.key })).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
