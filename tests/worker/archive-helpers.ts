/**
 * Shared by the archive tests (W6): campaigns written straight to D1 in any state (a sent one,
 * a draft, an SMS one, an automation's hidden step) for a seeded account, and public requests
 * through the Worker's own fetch.
 */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { randomToken } from "../../shared/auth/crypto";
import { api } from "./helpers";

export const PAGE_HTML = `<!doctype html><html lang="und"><head><title>asunto</title><style>p{margin:0}</style></head><body style="margin:0">
<img src="https://cdn.muni.gob.pe/banner.png" alt="Banner" width="600"><p>Estimado {{nombre | "vecino"}} de {{empresa}}:</p><p>Feria el {{fecha_envio}}.</p>
<a href="https://muni.gob.pe/feria">Ver más</a> <a href="{{compartir_facebook}}">Facebook</a> <a href="{{enlace_archivo}}">Archivo</a> <a href="{{enlace_baja}}">Baja</a></body></html>`;

type CampaignOpts = { subject?: string; status?: string; channel?: string; automation?: boolean; startedAt?: number | null; publishedAt?: number | null; preheader?: string | null; text?: string };

/** A campaign row of `accountId`, by default sent an hour ago and not published. */
export async function campaignRow(accountId: string, o: CampaignOpts = {}): Promise<string> {
  const id = `cmp_${randomToken(8)}`;
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO campaigns (id, account_id, name, status, subject, preheader, from_name, from_address, html, text, audience, channel, created_by, created_at, updated_at, started_at, automation_id, published_at)
     VALUES (?, ?, 'C', ?, ?, ?, 'Muni', 'avisos@empresa.pe', ?, ?, '{"listIds":[],"segmentIds":[]}', ?, 'usr_x', ?, ?, ?, ?, ?)`,
  )
    .bind(
      id, accountId, o.status ?? "sent", o.subject ?? "Feria de {{nombre | \"vecinos\"}}", o.preheader ?? null, PAGE_HTML, o.text ?? "Estimado {{nombre}}: feria el sábado. Compartir {{compartir_x}}",
      o.channel ?? "email", now, now, o.startedAt === undefined ? now - 3_600_000 : o.startedAt, o.automation ? "aut_1" : null, o.publishedAt ?? null,
    )
    .run();
  return id;
}

/** Saves and turns on the account's archive under `slug`. */
export async function enableArchive(key: string, slug: string, title = "Avisos de la Muni") {
  const res = await api("/archive", { method: "PUT", key, body: { slug, title, description: "Comunicados & avisos", enabled: true } });
  if (res.status !== 200) throw new Error(`archive: ${res.status} ${await res.text()}`);
}

/** A public GET (no credentials) of a path on the Worker. */
export const get = (path: string) => SELF.fetch(`http://127.0.0.1${path}`);

export const uniqSlug = () => `muni-${randomToken(6).toLowerCase().replace(/[^a-z0-9]/g, "x")}`;
