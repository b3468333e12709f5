/**
 * Previews (W9): a template or campaign rendered with a chosen contact's data (or sample data),
 * without tracking, for the device frames of the dashboard and for test sends.
 */
import type { Context } from "hono";
import { compileTemplate, renderTemplate, type MergeData } from "../../shared/email/merge";
import type { AppEnv } from "../api/context";
import { ApiError, notFound } from "../api/errors";

const SAMPLE: MergeData = {
  standard: { firstName: "Ana", lastName: "Quispe Mamani", position: "Gerente general", company: "Ferretería Andina S.A.C.", email: "ana.quispe@ejemplo.pe", phone: "+51987654321" },
  custom: {},
  // The share links (W6) of a preview lead nowhere, as the opt-out and web-version links do.
  system: { enlace_baja: "#", ver_en_web: "#", fecha_envio: new Date().toISOString().slice(0, 10), enlace_archivo: "#", compartir_facebook: "#", compartir_x: "#", compartir_linkedin: "#", compartir_correo: "#" },
};

export async function mergeDataFor(c: Context<AppEnv>, contactId: number | null): Promise<MergeData> {
  if (contactId === null) return SAMPLE;
  const row = await c.env.DB.prepare("SELECT * FROM contacts WHERE id = ? AND account_id = ?").bind(contactId, c.var.actor.accountId).first<Record<string, string | null>>();
  if (!row) throw notFound("Contact");
  return {
    standard: { firstName: row.first_name ?? null, lastName: row.last_name ?? null, position: row.position ?? null, company: row.company ?? null, email: row.email ?? null, phone: row.phone ?? null },
    custom: JSON.parse(row.fields ?? "{}") as Record<string, unknown>,
    system: SAMPLE.system,
  };
}

export async function renderPreview(c: Context<AppEnv>, parts: { html: string; text: string; subject?: string }, contactId: number | null) {
  const data = await mergeDataFor(c, contactId);
  const render = (src: string, ctx: "html" | "text") => {
    const t = compileTemplate(src);
    if (!t.ok) throw new ApiError(400, "invalid_template", t.error.message);
    return renderTemplate(t.template, data, ctx);
  };
  return { html: render(parts.html, "html"), text: render(parts.text, "text"), ...(parts.subject !== undefined ? { subject: render(parts.subject, "text") } : {}) };
}
