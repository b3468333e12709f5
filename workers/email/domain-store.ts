/**
 * D1 access for sending domains: list, find, insert, save a check, delete, and the two questions
 * sending asks — may this account send from this domain, and with which DKIM key and selector.
 * Every query is scoped to the account: another account's domain is simply not found.
 */
import type { DomainCheck } from "../../shared/email/domain-checks";

export type DomainRow = {
  id: string;
  account_id: string;
  domain: string;
  selector: string;
  private_key: string;
  public_key: string;
  spf: string;
  dkim: string;
  dmarc: string;
  verified: number;
  check_details: string | null;
  checked_at: number | null;
  created_at: number;
};

export async function listDomains(db: D1Database, accountId: string): Promise<DomainRow[]> {
  return (await db.prepare("SELECT * FROM sending_domains WHERE account_id = ? ORDER BY domain").bind(accountId).all<DomainRow>()).results;
}

export function findDomain(db: D1Database, accountId: string, id: string): Promise<DomainRow | null> {
  return db.prepare("SELECT * FROM sending_domains WHERE id = ? AND account_id = ?").bind(id, accountId).first<DomainRow>();
}

/** Inserts a new domain; false when the account already has it (unique account + domain). */
export async function insertDomain(db: D1Database, row: Pick<DomainRow, "id" | "account_id" | "domain" | "selector" | "private_key" | "public_key" | "created_at">): Promise<boolean> {
  const { meta } = await db
    .prepare("INSERT INTO sending_domains (id, account_id, domain, selector, private_key, public_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
    .bind(row.id, row.account_id, row.domain, row.selector, row.private_key, row.public_key, row.created_at)
    .run();
  return meta.changes === 1;
}

export async function saveCheck(db: D1Database, id: string, check: DomainCheck, verified: boolean, now: number): Promise<void> {
  await db
    .prepare("UPDATE sending_domains SET spf = ?, dkim = ?, dmarc = ?, verified = ?, check_details = ?, checked_at = ? WHERE id = ?")
    .bind(check.spf.status, check.dkim.status, check.dmarc.status, verified ? 1 : 0, JSON.stringify(check), now, id)
    .run();
}

export async function deleteDomain(db: D1Database, accountId: string, id: string): Promise<boolean> {
  const { meta } = await db.prepare("DELETE FROM sending_domains WHERE id = ? AND account_id = ?").bind(id, accountId).run();
  return meta.changes === 1;
}

/** Whether the account verified `domain` (SPF and DKIM ok at its last check). */
export async function isVerifiedDomain(db: D1Database, accountId: string, domain: string): Promise<boolean> {
  const row = await db.prepare("SELECT 1 AS ok FROM sending_domains WHERE account_id = ? AND domain = ? AND verified = 1").bind(accountId, domain).first<{ ok: number }>();
  return row !== null;
}

/** The selector and sealed private key the account signs `domain`'s mail with, if it added the domain. */
export function signingRow(db: D1Database, accountId: string, domain: string): Promise<Pick<DomainRow, "selector" | "private_key"> | null> {
  return db.prepare("SELECT selector, private_key FROM sending_domains WHERE account_id = ? AND domain = ?").bind(accountId, domain).first();
}
