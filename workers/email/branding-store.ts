/** The account's branding in D1, with the gallery defaults until it is set (W2). */
import { DEFAULT_BRANDING, type Branding } from "../../shared/templates/gallery/index";

type Row = { logo_url: string | null; primary_color: string; secondary_color: string; organisation: string; address: string; website: string | null };

export async function loadBranding(db: D1Database, accountId: string): Promise<Branding> {
  const row = await db.prepare("SELECT * FROM branding WHERE account_id = ?").bind(accountId).first<Row>();
  if (!row) {
    const account = await db.prepare("SELECT name FROM accounts WHERE id = ?").bind(accountId).first<string>("name");
    return { ...DEFAULT_BRANDING, organisation: account ?? DEFAULT_BRANDING.organisation };
  }
  return { logoUrl: row.logo_url, primaryColor: row.primary_color, secondaryColor: row.secondary_color, organisation: row.organisation, address: row.address, website: row.website };
}

export async function saveBranding(db: D1Database, accountId: string, patch: Partial<Branding>): Promise<Branding> {
  const next: Branding = { ...(await loadBranding(db, accountId)), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  await db
    .prepare(
      `INSERT INTO branding (account_id, logo_url, primary_color, secondary_color, organisation, address, website, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET logo_url = excluded.logo_url, primary_color = excluded.primary_color, secondary_color = excluded.secondary_color,
         organisation = excluded.organisation, address = excluded.address, website = excluded.website, updated_at = excluded.updated_at`,
    )
    .bind(accountId, next.logoUrl, next.primaryColor, next.secondaryColor, next.organisation, next.address, next.website, Date.now())
    .run();
  return next;
}
