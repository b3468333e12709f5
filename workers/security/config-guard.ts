/**
 * The Worker's side of shared/security/deploy-config.ts: in a deployment with an unsafe
 * configuration, the API answers 503 naming the setting, and the recipient pages (signed links)
 * answer a 503 page instead of trusting tokens anyone could forge. The open pixel still gets its
 * GIF (an email must display), recorded nothing: its recording signs with linkSecret and fails.
 */
import { createMiddleware } from "hono/factory";
import { configProblem } from "../../shared/security/deploy-config";
import { renderMessage } from "../../shared/forms/page";

/** For /api/v1: the JSON error shape, 503, `field` naming the setting. */
export const apiConfigGuard = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  const problem = configProblem(c.env);
  if (!problem) return next();
  console.error(`unsafe configuration: ${problem.message}`);
  return c.json({ error: { code: "misconfigured", message: problem.message, field: problem.setting } }, 503);
});

/** For the recipient paths whose tokens LINK_SECRET signs (/t, /u, /v). */
export const recipientConfigGuard = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  if (c.req.path.startsWith("/t/o/") || c.req.path === "/t/ping" || !configProblem(c.env)) return next();
  return c.html(renderMessage("Servicio no disponible", "Este servicio está en mantenimiento. Intente de nuevo más tarde."), 503);
});
