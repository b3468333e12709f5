/**
 * The Spanish unsubscribe page (`/u/:token`): a confirm button and the choice between leaving only
 * the lists this campaign went to or every communication of the sender. The form posts back to
 * the same address, as mail clients do for the RFC 8058 one-click POST.
 */
import { escapeHtml, renderMessage, shell } from "../forms/page";

export type UnsubscribeScope = "list" | "all";

/**
 * @example renderUnsubscribe({ action: "/u/abc", sender: "Tienda Sol" }) // "<!doctype html>…Darme de baja…"
 */
export function renderUnsubscribe(p: { action: string; sender: string }): string {
  return shell(
    "Darse de baja",
    `<h1>¿Darse de baja?</h1><p class="lead">Dejará de recibir correos de ${escapeHtml(p.sender)}.</p>
<form method="post" action="${escapeHtml(p.action)}">
<label class="check"><input type="radio" name="scope" value="list" checked> <span>Solo esta lista</span></label>
<label class="check"><input type="radio" name="scope" value="all"> <span>Todas las comunicaciones</span></label>
<button type="submit">Confirmar baja</button>
</form>`,
  );
}

/** The answer after the unsubscribe (also for a repeated one). */
export const unsubscribedPage = () => renderMessage("Listo", "Su baja quedó registrada. No volverá a recibir estos correos.");

/** A link that was altered, cut short or is not ours. */
export const invalidLinkPage = () => renderMessage("Enlace no válido", "Este enlace no es válido o está incompleto. Ábralo de nuevo desde el correo.");

/**
 * The scope asked for. The one-click POST (`List-Unsubscribe=One-Click`, RFC 8058) carries no
 * choice and the mail client promised "no more mail from this sender", so it means "all"; the
 * page's form says which, "list" when it says nothing.
 * @example unsubscribeScope({ "List-Unsubscribe": "One-Click" }) // "all"
 */
export function unsubscribeScope(body: Record<string, unknown>): UnsubscribeScope {
  if (body["List-Unsubscribe"] === "One-Click") return "all";
  return body.scope === "all" ? "all" : "list";
}
