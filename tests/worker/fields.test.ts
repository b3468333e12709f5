/** Custom fields: defined with a type, values checked against it, new ones defined on first use. */
import { describe, expect, it } from "vitest";
import { api, errorOf, seedAccount } from "./helpers";

describe("custom fields", () => {
  it("coerces values to the field's type and names the field when a value does not fit", async () => {
    const s = await seedAccount();
    const key = s.users.sender.key;
    expect((await api("/fields", { key, body: { key: "vence", label: "Vencimiento RNP", type: "date" } })).status).toBe(201);
    expect((await api("/fields", { key, body: { key: "vence", label: "Otra", type: "text" } })).status).toBe(409);
    const ok = await api("/contacts", { key, body: { email: "a@empresa.pe", fields: { vence: "15/03/2027", monto: 1500 }, consent: { email: true } } });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { fields: object }).fields).toEqual({ vence: "2027-03-15", monto: 1500 });
    const bad = await api("/contacts", { key, body: { email: "b@empresa.pe", fields: { vence: "pronto" }, consent: { email: true } } });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ field: "fields.vence" });
    const list = (await (await api("/fields", { key: s.users.viewer.key })).json()) as { fields: { key: string; type: string }[] };
    expect(list.fields.map((f) => [f.key, f.type])).toEqual([
      ["monto", "number"],
      ["vence", "date"],
    ]);
    const bad2 = await api("/fields", { key, body: { key: "Mal Nombre", label: "x", type: "text" } });
    expect(await errorOf(bad2)).toMatchObject({ field: "key" });
  });
});
