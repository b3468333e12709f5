/**
 * File import end to end on Miniflare: multipart upload → R2 → imports Queue → D1, with the
 * report of rejected rows. Each bad input gets a clear answer; good rows go in.
 */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, errorOf, seedAccount } from "./helpers";
import { newList, report, upload, waitDone } from "./import-helpers";

describe("import", () => {
  it("imports good rows, rejects bad ones with line and reason, and records consent", async () => {
    const s = await seedAccount();
    const listId = await newList(s);
    const csv = [
      "Correo;Nombre;Apellidos;Celular;Empresa;RUC",
      "ana.quispe@gmail.com;Ana;Quispe Mamani;987 654 321;Ferretería Andina SAC;20123456789",
      "jose@constructora.com.pe;José;Pérez;;Constructora Lima;20987654321",
      "no-es-correo;Luis;Soto;;;",
      "ANA.QUISPE@GMAIL.COM;Ana María;Quispe;;;",
      "maria@hotmial.com;María;Flores;+51 912 345 678;;",
      "solo;dos",
      ";Pedro;Ramos;999888777;Bodega Pedro;",
    ].join("\r\n");
    const res = await upload(s, listId, csv);
    expect(res.status).toBe(202);
    const { importId } = (await res.json()) as { importId: string };
    const imp = await waitDone(s, importId);
    expect(imp).toMatchObject({ status: "done", delimiter: ";", hasHeader: true, progress: 1 });
    expect(imp.mapping).toEqual(["email", "firstName", "lastName", "phone", "company", "custom:ruc"]);
    expect(imp.counts).toEqual({ rowsRead: 7, inserted: 4, updated: 0, skipped: 0, rejected: 3 });
    const lines = (await report(s, importId)).trim().split("\r\n");
    expect(lines).toEqual([
      "línea,motivo,fila original",
      '4,correo no válido (Dirección de correo mal escrita),"no-es-correo;Luis;Soto;;;"',
      "5,duplicado de la línea 2,",
      '7,se esperaban 6 columnas y la fila tiene 2,"solo;dos"',
    ]);
    const list = (await (await api(`/lists/${listId}`, { key: s.users.viewer.key })).json()) as { counts: Record<string, number> };
    expect(list.counts).toEqual({ members: 4, subscribed: 3, sms: 3 });
    const found = (await (await api("/contacts?q=maria@", { key: s.users.viewer.key })).json()) as { contacts: { id: number; verdict: string; reasons: string[]; suggestion: string; phone: string }[] };
    expect(found.contacts).toHaveLength(1);
    expect(found.contacts[0]).toMatchObject({ verdict: "risky", reasons: expect.arrayContaining(["email_typo"]), suggestion: "maria@hotmail.com", phone: "+51912345678" });
    const detail = (await (await api(`/contacts/${found.contacts[0]!.id}`, { key: s.users.viewer.key })).json()) as { consents: { channel: string; source: string; proof: Record<string, unknown> }[]; lists: { id: string }[] };
    expect(detail.consents.map((c) => [c.channel, c.source, c.proof.line, c.proof.file]).sort()).toEqual([
      ["email", "file", 6, "contactos.csv"],
      ["sms", "file", 6, "contactos.csv"],
    ]);
    expect(detail.lists.map((l) => l.id)).toEqual([listId]);
    const pedro = (await (await api("/contacts?q=999888", { key: s.users.viewer.key })).json()) as { contacts: { email: string | null; fields: object; company: string }[] };
    expect(pedro.contacts[0]).toMatchObject({ email: null, company: "Bodega Pedro" });
    const ana = (await (await api("/contacts?q=ana.quispe@", { key: s.users.viewer.key })).json()) as { contacts: { fields: object; firstName: string }[] };
    expect(ana.contacts[0]).toMatchObject({ firstName: "Ana", fields: { ruc: "20123456789" } });
    const defined = (await (await api("/fields", { key: s.users.viewer.key })).json()) as { fields: { key: string; label: string; type: string }[] };
    expect(defined.fields).toEqual([expect.objectContaining({ key: "ruc", label: "RUC", type: "text" })]);
  });

  it("updates existing contacts on a second import, and leaves them alone with the insert policy", async () => {
    const s = await seedAccount();
    const listId = await newList(s);
    const first = (await (await upload(s, listId, "email,nombre\nana@empresa.pe,Ana\nbeto@empresa.pe,Beto\n")).json()) as { importId: string };
    await waitDone(s, first.importId);
    const again = (await (await upload(s, listId, "email,nombre\nana@empresa.pe,Ana Lucía\ncarla@empresa.pe,Carla\n")).json()) as { importId: string };
    expect((await waitDone(s, again.importId)).counts).toEqual({ rowsRead: 2, inserted: 1, updated: 1, skipped: 0, rejected: 0 });
    const third = (await (await upload(s, listId, "email,nombre\nbeto@empresa.pe,Roberto\n", "b.csv", { policy: "insert" })).json()) as { importId: string };
    expect((await waitDone(s, third.importId)).counts).toEqual({ rowsRead: 1, inserted: 0, updated: 0, skipped: 1, rejected: 0 });
    const names = (await (await api(`/contacts?listId=${listId}`, { key: s.users.viewer.key })).json()) as { contacts: { email: string; firstName: string }[] };
    expect(names.contacts.map((c) => [c.email, c.firstName])).toEqual([
      ["carla@empresa.pe", "Carla"],
      ["beto@empresa.pe", "Beto"],
      ["ana@empresa.pe", "Ana Lucía"],
    ]);
  });

  it("adds existing contacts to another list whatever the policy, and records consent only for new ones", async () => {
    const s = await seedAccount();
    const first = await newList(s);
    const a = (await (await upload(s, first, "email,telefono\nana@empresa.pe,987654321\nbeto@empresa.pe,\n")).json()) as { importId: string };
    await waitDone(s, a.importId);
    for (const policy of ["insert", "upsert"] as const) {
      const other = await newList(s);
      const b = (await (await upload(s, other, "email,nombre\nana@empresa.pe,Ana\nbeto@empresa.pe,Beto\ncarla@empresa.pe,Carla\n", "b.csv", { policy })).json()) as { importId: string };
      const done = await waitDone(s, b.importId);
      expect((done.counts.inserted ?? 0) + (done.counts.updated ?? 0) + (done.counts.skipped ?? 0)).toBe(3);
      const members = (await (await api(`/contacts?listId=${other}`, { key: s.users.viewer.key })).json()) as { contacts: { email: string }[] };
      expect(members.contacts.map((c) => c.email).sort()).toEqual(["ana@empresa.pe", "beto@empresa.pe", "carla@empresa.pe"]);
    }
    const consents = await env.DB.prepare(
      "SELECT c.email, k.channel, COUNT(*) AS n FROM consents k JOIN contacts c ON c.id = k.contact_id WHERE k.account_id = ? GROUP BY c.email, k.channel ORDER BY c.email, k.channel",
    )
      .bind(s.accountId)
      .all<{ email: string; channel: string; n: number }>();
    expect(consents.results.map((r) => [r.email, r.channel, r.n])).toEqual([
      ["ana@empresa.pe", "email", 1],
      ["ana@empresa.pe", "sms", 1],
      ["beto@empresa.pe", "email", 1],
      ["carla@empresa.pe", "email", 1],
    ]);
  });

  it("decodes Windows-1252 as Excel saves Spanish text", async () => {
    const s = await seedAccount();
    const listId = await newList(s);
    // "email;nombre\r\nnuñez@empresa.pe;Íñigo Núñez\r\n" in Windows-1252: ñ = F1, Í = CD, Ú = DA.
    const bytes = new Uint8Array([...new TextEncoder().encode("email;nombre\r\nnunez@empresa.pe;"), 0xcd, 0xf1, 0x69, 0x67, 0x6f, 0x20, 0x4e, 0xfa, 0xf1, 0x65, 0x7a, 0x0d, 0x0a]);
    const { importId } = (await (await upload(s, listId, bytes)).json()) as { importId: string };
    expect(await waitDone(s, importId)).toMatchObject({ status: "done", encoding: "windows-1252" });
    const c = (await (await api("/contacts?q=nunez@", { key: s.users.viewer.key })).json()) as { contacts: { firstName: string }[] };
    expect(c.contacts[0]!.firstName).toBe("Íñigo Núñez");
  });

  it("answers an empty file, a header-only file, a non-CSV file and an XLSX with 400 and stores nothing", async () => {
    const s = await seedAccount();
    const listId = await newList(s);
    const cases: [string | Uint8Array, string, string][] = [
      ["", "vacio.csv", "empty_file"],
      ["email,nombre\r\n", "cabecera.csv", "no_rows"],
      [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), "foto.png", "not_csv"],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0]), "libro.xlsx", "xlsx"],
    ];
    for (const [content, name, code] of cases) {
      const res = await upload(s, listId, content, name);
      expect(res.status, name).toBe(400);
      expect(await errorOf(res), name).toMatchObject({ code, field: "file" });
    }
    const stored = await env.FILES.list({ prefix: `imports/${s.accountId}/` });
    expect(stored.objects).toHaveLength(0);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM imports WHERE account_id = ?").bind(s.accountId).first("n")).toBe(0);
  });

  it("stops at the mapping step when asked, then imports with the chosen mapping and remembers it", async () => {
    const s = await seedAccount();
    const listId = await newList(s);
    const csv = "Dato A\tDato B\tDato C\r\nana@x-empresa.pe\tAna\tGerente\r\nbeto@x-empresa.pe\tBeto\tJefe\r\n";
    const created = (await (await upload(s, listId, csv, "t.tsv", { start: "false" })).json()) as { importId: string; import: { status: string; delimiter: string; preview: string[][] } };
    expect(created.import).toMatchObject({ status: "ready", delimiter: "\t" });
    expect(created.import.preview).toEqual([
      ["ana@x-empresa.pe", "Ana", "Gerente"],
      ["beto@x-empresa.pe", "Beto", "Jefe"],
    ]);
    const bad = await api(`/imports/${created.importId}/start`, { key: s.users.sender.key, body: { mapping: ["firstName", null, null] } });
    expect(await errorOf(bad)).toMatchObject({ code: "invalid_field", field: "mapping" });
    const ok = await api(`/imports/${created.importId}/start`, { key: s.users.sender.key, body: { mapping: ["email", "firstName", "position"] } });
    expect(ok.status).toBe(202);
    expect((await waitDone(s, created.importId)).counts.inserted).toBe(2);
    expect((await api(`/imports/${created.importId}/start`, { key: s.users.sender.key, body: { mapping: ["email", "firstName", "position"] } })).status).toBe(409);
    const next = (await (await upload(s, listId, "Dato A\tDato B\tDato C\r\ncarla@x-empresa.pe\tCarla\tAnalista\r\n", "t2.tsv", { start: "false" })).json()) as { import: { mapping: unknown[] } };
    expect(next.import.mapping).toEqual(["email", "firstName", "position"]);
  });

  it("discards an upload waiting at the mapping step, file and all, but not a started one", async () => {
    const s = await seedAccount();
    const listId = await newList(s);
    const waiting = (await (await upload(s, listId, "email\na@b.pe\n", "a.csv", { start: "false" })).json()) as { importId: string };
    expect((await env.FILES.list({ prefix: `imports/${s.accountId}/` })).objects).toHaveLength(1);
    expect((await api(`/imports/${waiting.importId}`, { method: "DELETE", key: s.users.sender.key })).status).toBe(200);
    expect((await api(`/imports/${waiting.importId}`, { key: s.users.sender.key })).status).toBe(404);
    expect((await env.FILES.list({ prefix: `imports/${s.accountId}/` })).objects).toHaveLength(0);
    const started = (await (await upload(s, listId, "email\nb@b.pe\n")).json()) as { importId: string };
    await waitDone(s, started.importId);
    expect((await api(`/imports/${started.importId}`, { method: "DELETE", key: s.users.sender.key })).status).toBe(409);
  });

  it("refuses an upload from a viewer and into another account's list", async () => {
    const s = await seedAccount();
    const other = await seedAccount();
    const listId = await newList(s);
    const form = new FormData();
    form.append("file", new File(["email\na@b.pe\n"], "a.csv"));
    const viewer = await SELF.fetch(`http://127.0.0.1/api/v1/lists/${listId}/imports`, { method: "POST", body: form, headers: { Authorization: `Bearer ${s.users.viewer.key}` } });
    expect(viewer.status).toBe(403);
    expect((await upload(other, listId, "email\na@b.pe\n")).status).toBe(404);
  });
});
