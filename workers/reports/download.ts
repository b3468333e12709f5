/**
 * `GET /x/:token`: the signed, expiring download of an export, outside /api and without a
 * session (the link is the credential; shared/exports/token.ts). An intact link to a ready,
 * unexpired export streams its R2 object with its Content-Type and download name; a forged or
 * truncated link, or one to a deleted or expired export, gets a small Spanish 404 page, and an
 * intact link past its time a 410 page: never the file.
 */
import { Hono } from "hono";
import { linkKey } from "../tracking/record";
import { verifyExportToken } from "../../shared/exports/token";
import { exportById } from "./export-store";
import { CONTENT_TYPES, contentDisposition, exportFileName } from "../../shared/exports/files";
import { paramsOf } from "../../shared/exports/present";
import { downloadExpiredPage, downloadNotFoundPage } from "../../shared/exports/download-page";
import type { ExportFormat, ExportKind } from "../../shared/api/schemas-exports";

const PRIVATE = "private, no-store";

export const downloads = new Hono<{ Bindings: Env }>().get("/:token", async (c) => {
  c.header("Cache-Control", PRIVATE);
  c.header("Referrer-Policy", "no-referrer");
  const now = Date.now();
  const check = await verifyExportToken(await linkKey(c.env), c.req.param("token"), now);
  if (!check.ok) return c.html(check.reason === "expired" ? downloadExpiredPage() : downloadNotFoundPage(), check.reason === "expired" ? 410 : 404);
  const row = await exportById(c.env.DB, check.exportId);
  if (!row || row.status !== "ready" || row.r2_key === null || row.expires_at <= now) return c.html(downloadNotFoundPage(), 404);
  const object = await c.env.FILES.get(row.r2_key);
  if (!object) return c.html(downloadNotFoundPage(), 404);
  const format = row.format as ExportFormat;
  return new Response(object.body, {
    headers: {
      "Content-Type": object.httpMetadata?.contentType ?? CONTENT_TYPES[format],
      "Content-Disposition": object.httpMetadata?.contentDisposition ?? contentDisposition(exportFileName(row.kind as ExportKind, format, paramsOf(row))),
      "Content-Length": String(object.size),
      "Cache-Control": PRIVATE,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    },
  });
});
