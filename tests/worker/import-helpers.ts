/** Import helpers shared by the import tests: a list, a multipart upload, waiting, the report. */
import { SELF } from "cloudflare:test";
import { expect } from "vitest";
import { api, type Seeded } from "./helpers";

export async function newList(s: Seeded, name = "Proveedores") {
  const res = await api("/lists", { key: s.users.sender.key, body: { name } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

export async function upload(s: Seeded, listId: string, content: string | Uint8Array, name = "contactos.csv", extra: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  form.append("file", new File([content], name, { type: "text/csv" }));
  return SELF.fetch(`http://127.0.0.1/api/v1/lists/${listId}/imports`, { method: "POST", body: form, headers: { Authorization: `Bearer ${s.users.sender.key}` } });
}

type Imp = { status: string; counts: Record<string, number>; error: string | null; progress: number; mapping: unknown[]; hasHeader: boolean; delimiter: string; encoding: string };

export async function waitDone(s: Seeded, importId: string): Promise<Imp> {
  for (let i = 0; i < 200; i++) {
    const imp = (await (await api(`/imports/${importId}`, { key: s.users.sender.key })).json()) as Imp;
    if (imp.status === "done" || imp.status === "failed") return imp;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("import did not finish");
}

export async function report(s: Seeded, importId: string) {
  const res = await api(`/imports/${importId}/report.csv`, { key: s.users.sender.key });
  expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  return (await res.text()).replace(/^\uFEFF/, "");
}

