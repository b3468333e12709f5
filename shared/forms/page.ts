/**
 * The hosted subscription form and its answer pages, as HTML strings in Spanish. Every value that
 * came from a user or an account is escaped. The page works without JavaScript and is small
 * enough to embed in an agency's website through an iframe (`?embed=1` drops the frame).
 */

export type FormValues = { email?: string; firstName?: string; lastName?: string; company?: string; phone?: string; smsConsent?: boolean };
export type FormPage = { accountName: string; listName: string; action: string; embed: boolean; values?: FormValues; error?: { field: string; message: string } };

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** @example escapeHtml('<b>"x"</b>') // "&lt;b&gt;&quot;x&quot;&lt;/b&gt;" */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ESC[ch]!);

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;color:#1f2933;background:#f5f7fa;margin:0}
main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #d9e2ec;border-radius:8px}
.embed main{margin:0;border:0}h1{font-size:1.35rem;margin:0 0 .25rem}p.lead{margin:0 0 1rem;color:#52606d}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}input[type=text],input[type=email],input[type=tel]{width:100%;box-sizing:border-box;padding:.55rem;border:1px solid #9aa5b1;border-radius:6px;font:inherit}
input:focus,button:focus{outline:3px solid #2563eb;outline-offset:2px}.check{display:flex;gap:.5rem;font-weight:400;align-items:flex-start}
.check input{margin-top:.3rem}button{margin-top:1rem;width:100%;padding:.7rem;border:0;border-radius:6px;background:#1d4ed8;color:#fff;font:inherit;font-weight:600;cursor:pointer}
.error{color:#b91c1c;font-size:.95rem;margin:.25rem 0 0}.hp{position:absolute;left:-10000px}small{color:#52606d}`;

/** A complete page around `body`: the shared look of every public page. */
export function shell(title: string, body: string, embed = false): string {
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body${embed ? ' class="embed"' : ""}><main>${body}</main></body></html>`;
}

function field(name: keyof FormValues, label: string, type: string, p: FormPage, required = false): string {
  const value = p.values?.[name];
  const err = p.error?.field === name ? `<p class="error" id="${name}-error">${escapeHtml(p.error.message)}</p>` : "";
  return `<label for="${name}">${label}${required ? " *" : ""}</label><input type="${type}" id="${name}" name="${name}" ${required ? "required" : ""}
    value="${typeof value === "string" ? escapeHtml(value) : ""}" ${err ? `aria-invalid="true" aria-describedby="${name}-error"` : ""} autocomplete="${
      { email: "email", firstName: "given-name", lastName: "family-name", company: "organization", phone: "tel", smsConsent: "off" }[name]
    }">${err}`;
}

/** The form itself, with the values and the error of a refused submission. */
export function renderForm(p: FormPage): string {
  const general = p.error && !["email", "phone"].includes(p.error.field) ? `<p class="error" role="alert">${escapeHtml(p.error.message)}</p>` : "";
  return shell(
    `Suscripción: ${p.listName}`,
    `<h1>${escapeHtml(p.listName)}</h1><p class="lead">Reciba las comunicaciones de ${escapeHtml(p.accountName)}.</p>${general}
<form method="post" action="${escapeHtml(p.action)}" novalidate>
${field("email", "Correo electrónico", "email", p, true)}${field("firstName", "Nombre", "text", p)}${field("lastName", "Apellidos", "text", p)}
${field("company", "Empresa", "text", p)}${field("phone", "Celular (opcional)", "tel", p)}
<div class="hp" aria-hidden="true"><label for="website">No llenar</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<label class="check"><input type="checkbox" name="consent" value="yes" required> <span>Acepto recibir correos de ${escapeHtml(p.accountName)} y sé que puedo darme de baja en cualquier momento.</span></label>
<label class="check"><input type="checkbox" name="smsConsent" value="yes" ${p.values?.smsConsent ? "checked" : ""}> <span>También acepto recibir mensajes de texto (SMS) en mi celular.</span></label>
<button type="submit">Suscribirme</button>
<p><small>Sus datos se tratan según la Ley N.º 29733 de Protección de Datos Personales.</small></p>
</form>`,
    p.embed,
  );
}

/** A short answer page (thanks, check your inbox, confirmed, link expired). */
export function renderMessage(title: string, text: string, embed = false): string {
  return shell(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`, embed);
}
