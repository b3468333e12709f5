/**
 * The hosted subscription form (`/f/:token`, B2): a Spanish page any website can link or embed,
 * its submission (an HTML form post, or JSON for sites that post with fetch), and the double
 * opt-in confirmation link (`/f/confirm/:token`). Public: the unguessable list token is the key.
 */
import { Hono, type Context } from "hono";
import { cors } from "hono/cors";
import { checkEmail } from "../../shared/audience/email";
import { checkPhone } from "../../shared/audience/phone";
import { renderForm, renderMessage, type FormValues } from "../../shared/forms/page";
import { clientIp } from "../api/authn";
import { confirmOptin, subscribe } from "../audience/subscribe";
import { onOptinConfirmed, onSubscribed } from "../automations/enrol";

type FormList = { id: string; account_id: string; name: string; double_opt_in: number; account_name: string };

async function listByToken(db: D1Database, token: string): Promise<FormList | null> {
  return db
    .prepare("SELECT l.id, l.account_id, l.name, l.double_opt_in, a.name AS account_name FROM lists l JOIN accounts a ON a.id = l.account_id WHERE l.form_token = ?")
    .bind(token)
    .first<FormList>();
}

const wantsJson = (c: Context) => (c.req.header("Accept") ?? "").includes("application/json");
const text = (v: unknown, max = 120) => (typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, max) : null);

export const forms = new Hono<{ Bindings: Env }>()
  .use("/:token", cors({ origin: "*", allowMethods: ["GET", "POST"] }))
  .get("/confirm/:token", async (c) => {
    const ok = await confirmOptin(c.env.DB, c.req.param("token"), { ip: clientIp(c), userAgent: c.req.header("User-Agent") ?? null }, Date.now());
    // The confirmation completes the subscription: both kinds of automation hear of it (W4, B2).
    if (ok) c.executionCtx.waitUntil(Promise.all([onOptinConfirmed(c.env, ok.account_id, ok.contact_id, ok.list_id), onSubscribed(c.env, ok.account_id, ok.contact_id, ok.list_id)]));
    return ok
      ? c.html(renderMessage("Suscripción confirmada", "Gracias. Desde ahora recibirá nuestras comunicaciones."))
      : c.html(renderMessage("Enlace no válido", "El enlace de confirmación venció o ya fue usado. Vuelva a suscribirse desde el formulario."), 404);
  })
  .get("/:token", async (c) => {
    const list = await listByToken(c.env.DB, c.req.param("token"));
    if (!list) return c.html(renderMessage("Formulario no encontrado", "Este formulario ya no existe."), 404);
    const embed = c.req.query("embed") === "1";
    return c.html(renderForm({ accountName: list.account_name, listName: list.name, action: c.req.path + (embed ? "?embed=1" : ""), embed }));
  })
  .post("/:token", async (c) => {
    const list = await listByToken(c.env.DB, c.req.param("token"));
    const embed = c.req.query("embed") === "1";
    if (!list) return wantsJson(c) ? c.json({ error: { code: "not_found", message: "Form not found" } }, 404) : c.html(renderMessage("Formulario no encontrado", "Este formulario ya no existe."), 404);
    const type = c.req.header("Content-Type") ?? "";
    // A body that is no form nor JSON object (a broken multipart, JSON null) reads as no fields: the checks below refuse it with a 400.
    const body: unknown = type.includes("application/json") ? await c.req.json().catch(() => ({})) : await c.req.parseBody().catch(() => ({}));
    const raw: Record<string, unknown> = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    const values: FormValues = { email: text(raw.email, 320) ?? "", firstName: text(raw.firstName) ?? "", lastName: text(raw.lastName) ?? "", company: text(raw.company, 200) ?? "", phone: text(raw.phone, 40) ?? "", smsConsent: raw.smsConsent === "yes" || raw.smsConsent === true };
    const refuse = (field: string, message: string) =>
      wantsJson(c) ? c.json({ error: { code: "invalid_field", message: `${field}: ${message}`, field } }, 400) : c.html(renderForm({ accountName: list.account_name, listName: list.name, action: c.req.path, embed, values, error: { field, message } }), 400);
    // A bot fills the hidden field; it gets the thanks page and nothing is stored.
    if (text(raw.website)) return wantsJson(c) ? c.json({ ok: true, pending: false }) : c.html(renderMessage("¡Gracias!", "Su suscripción fue registrada.", embed));
    const email = checkEmail(values.email ?? "");
    if (!email.email || !email.domain) return refuse("email", "Escriba un correo electrónico válido.");
    if (!(raw.consent === "yes" || raw.consent === true)) return refuse("consent", "Debe aceptar recibir nuestras comunicaciones para suscribirse.");
    const phone = values.phone ? checkPhone(values.phone) : null;
    if (phone && !phone.phone) return refuse("phone", "Escriba un número de celular válido o deje el campo vacío.");
    const { optinToken, contactId } = await subscribe(
      c.env.DB,
      list,
      { email: email.email, domain: email.domain, phone: phone?.phone ?? null, firstName: text(raw.firstName), lastName: text(raw.lastName), company: text(raw.company, 200), reasons: [...email.reasons, ...(phone?.reasons ?? [])], smsConsent: values.smsConsent ?? false },
      { ip: clientIp(c), formId: list.id, userAgent: c.req.header("User-Agent")?.slice(0, 300) ?? null },
      Date.now(),
    );
    const pending = optinToken !== null;
    if (!pending) c.executionCtx.waitUntil(onSubscribed(c.env, list.account_id, contactId, list.id));
    if (wantsJson(c)) return c.json({ ok: true, pending });
    return pending
      ? c.html(renderMessage("Revise su correo", "Le enviamos un enlace para confirmar su suscripción. Vence en 7 días.", embed))
      : c.html(renderMessage("¡Gracias!", "Su suscripción fue registrada.", embed));
  });
