/**
 * Branding (set once per account) and templates (W2): created from the gallery or from MJML,
 * compiled on save with errors at their line, previewed with a contact's data.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { BrandingBody, CreateTemplateBody, TemplatePreviewBody, UpdateTemplateBody } from "../../../shared/api/schemas-email";
import { GALLERY } from "../../../shared/templates/gallery/index";
import type { AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { compileMjml } from "../../email/compile";
import { loadBranding, saveBranding } from "../../email/branding-store";
import { renderPreview } from "../../email/preview";

type Row = { id: string; account_id: string; name: string; source: string; html: string; text: string; fields: string; gallery_key: string | null; created_at: number; updated_at: number };

const present = (r: Row, withSource = true) => ({
  id: r.id,
  name: r.name,
  ...(withSource ? { source: r.source } : {}),
  fields: JSON.parse(r.fields) as string[],
  galleryKey: r.gallery_key,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function findTemplate(c: Context<AppEnv>, id: string): Promise<Row> {
  const row = await c.env.DB.prepare("SELECT * FROM templates WHERE id = ? AND account_id = ?").bind(id, c.var.actor.accountId).first<Row>();
  if (!row) throw notFound("Template");
  return row;
}

async function compileOrThrow(c: Context<AppEnv>, source: string) {
  const compiled = await compileMjml(source, await loadBranding(c.env.DB, c.var.actor.accountId));
  if (!compiled.ok) throw new ApiError(400, "invalid_template", `source: line ${compiled.line}: ${compiled.message}`, "source");
  return compiled;
}

export const templates = new Hono<AppEnv>()
  .get("/gallery", guard("templateGallery", operations.templateGallery), (c) =>
    c.json({ templates: GALLERY.map((g) => ({ key: g.key, name: g.name, description: g.description, subject: g.subject, preheader: g.preheader })) }),
  )
  .get("/", guard("listTemplates", operations.listTemplates), async (c) => {
    const rows = await c.env.DB.prepare("SELECT * FROM templates WHERE account_id = ? ORDER BY updated_at DESC").bind(c.var.actor.accountId).all<Row>();
    return c.json({ templates: rows.results.map((r) => present(r, false)) });
  })
  .post("/", guard("createTemplate", operations.createTemplate), ...json(CreateTemplateBody), async (c) => {
    const body = c.req.valid("json");
    const gallery = body.galleryKey ? GALLERY.find((g) => g.key === body.galleryKey) : undefined;
    if (body.galleryKey && !gallery) throw new ApiError(400, "invalid_field", "galleryKey: no such gallery template", "galleryKey");
    const source = body.source ?? gallery?.mjml;
    if (!source) throw new ApiError(400, "invalid_field", "source: give MJML or a galleryKey", "source");
    const compiled = await compileOrThrow(c, source);
    const now = Date.now();
    const row: Row = { id: crypto.randomUUID(), account_id: c.var.actor.accountId, name: body.name, source, html: compiled.html, text: compiled.text, fields: JSON.stringify(compiled.fields), gallery_key: gallery?.key ?? null, created_at: now, updated_at: now };
    await c.env.DB.prepare("INSERT INTO templates (id, account_id, name, source, html, text, fields, gallery_key, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(row.id, row.account_id, row.name, row.source, row.html, row.text, row.fields, row.gallery_key, c.var.actor.userId, now, now)
      .run();
    c.set("audit", { targetType: "template", targetId: row.id, details: { name: row.name, galleryKey: row.gallery_key } });
    return c.json(present(row), 201);
  })
  .get("/:id", guard("getTemplate", operations.getTemplate), async (c) => c.json(present(await findTemplate(c, c.req.param("id")))))
  .patch("/:id", guard("updateTemplate", operations.updateTemplate), ...json(UpdateTemplateBody), async (c) => {
    const body = c.req.valid("json");
    const row = await findTemplate(c, c.req.param("id"));
    c.set("audit", { targetType: "template", targetId: row.id, details: { name: body.name, source: body.source !== undefined } });
    const next = { ...row, name: body.name ?? row.name, updated_at: Date.now() };
    if (body.source !== undefined) {
      const compiled = await compileOrThrow(c, body.source);
      Object.assign(next, { source: body.source, html: compiled.html, text: compiled.text, fields: JSON.stringify(compiled.fields) });
    }
    await c.env.DB.prepare("UPDATE templates SET name = ?, source = ?, html = ?, text = ?, fields = ?, updated_at = ? WHERE id = ?")
      .bind(next.name, next.source, next.html, next.text, next.fields, next.updated_at, row.id)
      .run();
    return c.json(present(next));
  })
  .post("/:id/duplicate", guard("duplicateTemplate", operations.duplicateTemplate), async (c) => {
    const row = await findTemplate(c, c.req.param("id"));
    const now = Date.now();
    const copy: Row = { ...row, id: crypto.randomUUID(), name: `${row.name} (copia)`.slice(0, 120), created_at: now, updated_at: now };
    await c.env.DB.prepare("INSERT INTO templates (id, account_id, name, source, html, text, fields, gallery_key, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(copy.id, copy.account_id, copy.name, copy.source, copy.html, copy.text, copy.fields, copy.gallery_key, c.var.actor.userId, now, now)
      .run();
    c.set("audit", { targetType: "template", targetId: copy.id, details: { from: row.id } });
    return c.json(present(copy), 201);
  })
  .delete("/:id", guard("deleteTemplate", operations.deleteTemplate), async (c) => {
    const row = await findTemplate(c, c.req.param("id"));
    c.set("audit", { targetType: "template", targetId: row.id, details: { name: row.name } });
    await c.env.DB.prepare("DELETE FROM templates WHERE id = ?").bind(row.id).run();
    return c.json({ ok: true as const });
  })
  .post("/:id/preview", guard("previewTemplate", operations.previewTemplate), ...json(TemplatePreviewBody), async (c) => {
    const row = await findTemplate(c, c.req.param("id"));
    return c.json(await renderPreview(c, { html: row.html, text: row.text }, c.req.valid("json").contactId ?? null));
  });

export const brandingRoutes = new Hono<AppEnv>()
  .get("/", guard("getBranding", operations.getBranding), async (c) => c.json(await loadBranding(c.env.DB, c.var.actor.accountId)))
  .patch("/", guard("updateBranding", operations.updateBranding), ...json(BrandingBody), async (c) => {
    const body = c.req.valid("json");
    c.set("audit", { targetType: "branding", targetId: c.var.actor.accountId, details: body });
    return c.json(await saveBranding(c.env.DB, c.var.actor.accountId, body));
  });
