/** Shared by the campaign tests: a small MJML template and a list, contacts, template and draft. */
import { expect } from "vitest";
import { api, type Seeded } from "./helpers";

export const MJML = `<mjml>
  <mj-body>
    <mj-section><mj-column>
      <mj-text>Hola {{nombre | "proveedor"}} de {{empresa}}</mj-text>
      <mj-button href="https://www.gob.pe/convocatoria">Ver convocatoria</mj-button>
      <mj-text><a href="{{enlace_baja}}">Darse de baja</a></mj-text>
    </mj-column></mj-section>
  </mj-body>
</mjml>`;

export async function setup(s: Seeded, emails = ["ana@empresa.pe", "beto@empresa.pe"]) {
  const key = s.users.sender.key;
  const listId = ((await (await api("/lists", { key, body: { name: "Proveedores" } })).json()) as { id: string }).id;
  for (const email of emails) await api("/contacts", { key, body: { email, firstName: email.split("@")[0], listIds: [listId], consent: { email: true } } });
  const tpl = await api("/templates", { key, body: { name: "Aviso", source: MJML } });
  expect(tpl.status).toBe(201);
  const templateId = ((await tpl.json()) as { id: string }).id;
  const draft = { name: "Convocatoria", subject: "Hola {{nombre}}", fromName: "Agencia", fromAddress: "avisos@empresa.pe", templateId, audience: { listIds: [listId], segmentIds: [] } };
  return { key, listId, templateId, draft };
}

