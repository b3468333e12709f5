/**
 * The words of the welcome mail to a new sub-user (W5), apart from any sending: a Spanish
 * subject, a text and an HTML body. It names the account, the person who created the user and
 * the role; with a set-password link (the user was created without a password) it asks them to
 * choose one within 72 hours, otherwise it tells them their administrator has their password.
 * The usage guide travels as the PDF attachment; the page `/guia` is linked too.
 */
import { escapeHtml } from "../email/merge";
import type { SUB_USER_ROLES } from "../auth/roles";

export type SubUserRole = (typeof SUB_USER_ROLES)[number];

export type WelcomeMailInput = {
  name: string;
  email: string;
  role: SubUserRole;
  accountName: string;
  createdByName: string | null;
  /** The set-password page with its token; null when the user was created with a password. */
  setPasswordUrl: string | null;
  /** The deployment's public URL (login page and `/guia`), null when unset. */
  publicUrl: string | null;
};
export type WelcomeMailContent = { subject: string; text: string; html: string };

/** Role names as the dashboard says them (UI.md). */
export const ROLE_ES: Record<SubUserRole, string> = { admin: "administrador", sender: "remitente", editor: "editor", viewer: "lector" };

/**
 * Subject, text and HTML of the welcome mail.
 * @example welcomeMailContent({ name: "Ana", email: "ana@muni.gob.pe", role: "sender", accountName: "Municipalidad de Lima", createdByName: "Rosa", setPasswordUrl: "https://p.pe/definir-clave?token=x", publicUrl: "https://p.pe" }).subject // "Bienvenida a Pregón · Municipalidad de Lima"
 */
export function welcomeMailContent(m: WelcomeMailInput): WelcomeMailContent {
  const base = m.publicUrl?.replace(/\/+$/, "") ?? null;
  const by = m.createdByName ? ` ${m.createdByName} te creó` : " Se te creó";
  const intro = `${by.trim()} una cuenta de ${ROLE_ES[m.role]} en Pregón, la plataforma de campañas de correo y SMS de ${m.accountName}. Tu usuario es ${m.email}.`;
  const action = m.setPasswordUrl
    ? "Para entrar, elige tu contraseña en este enlace. Vale 72 horas y se puede usar una sola vez:"
    : "Tu administrador te comunicará la contraseña inicial; puedes cambiarla en Configuración después de entrar.";
  const loginUrl = base ? `${base}/login` : null;
  const guideUrl = base ? `${base}/guia` : null;
  const guideLine = "Adjuntamos la guía de uso en PDF: qué hay en cada sección del panel, qué puede hacer tu rol, cómo funcionan los créditos y cómo enviar tu primera campaña.";
  const expired = "Si el enlace venció o ya se usó, pide otro a tu administrador.";
  const footer = "Este mensaje se envió automáticamente al crear tu usuario.";
  const text = [
    `Hola ${m.name}:`,
    "",
    intro,
    "",
    action,
    ...(m.setPasswordUrl ? [m.setPasswordUrl, "", expired] : []),
    ...(loginUrl ? ["", `Panel: ${loginUrl}`] : []),
    "",
    guideLine,
    ...(guideUrl ? [`También puedes leerla en línea: ${guideUrl}`] : []),
    "",
    footer,
  ].join("\n");
  const button = "display:inline-block;padding:10px 18px;background:#1c4a7d;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold";
  const html =
    `<!doctype html><html lang="es"><body style="font-family:Arial,Helvetica,sans-serif;color:#111827;font-size:14px;line-height:1.5">` +
    `<p>Hola ${escapeHtml(m.name)}:</p><p>${escapeHtml(intro)}</p><p>${escapeHtml(action)}</p>` +
    (m.setPasswordUrl
      ? `<p><a href="${escapeHtml(m.setPasswordUrl)}" style="${button}">Elegir mi contraseña</a></p>` +
        `<p style="font-size:12px;color:#4b5563">Si el botón no funciona, copia esta dirección en tu navegador:<br>${escapeHtml(m.setPasswordUrl)}</p>` +
        `<p>${escapeHtml(expired)}</p>`
      : "") +
    (loginUrl ? `<p>Panel: <a href="${escapeHtml(loginUrl)}">${escapeHtml(loginUrl)}</a></p>` : "") +
    `<p>${escapeHtml(guideLine)}${guideUrl ? ` <a href="${escapeHtml(guideUrl)}">Leer la guía en línea</a>.` : ""}</p>` +
    `<p style="color:#6b7280;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
  return { subject: `Bienvenida a Pregón · ${m.accountName}`, text, html };
}
