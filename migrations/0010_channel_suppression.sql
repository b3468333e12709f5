-- Suppression per channel: the contact reason "suppressed" now means an email or domain
-- suppression only, a phone suppression is "phone_suppressed", and the verdict of a contact
-- with an email is judged on its email reasons only (workers/audience/contacts-store.ts
-- verdictSql). Rewrites rows written under the old rule; idempotent.
-- 1. "suppressed" where no email or domain suppression covers the contact goes.
UPDATE contacts SET reasons = (SELECT json_group_array(value) FROM json_each(contacts.reasons) WHERE value != 'suppressed')
WHERE reasons LIKE '%"suppressed"%' AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = contacts.account_id AND (
  (s.kind = 'email' AND s.value = contacts.email) OR (s.kind = 'domain' AND s.value = contacts.email_domain)));
--> statement-breakpoint
-- 2. A phone suppression is "phone_suppressed".
UPDATE contacts SET reasons = json_insert(reasons, '$[#]', 'phone_suppressed')
WHERE phone IS NOT NULL AND reasons NOT LIKE '%"phone_suppressed"%'
  AND EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = contacts.account_id AND s.kind = 'phone' AND s.value = contacts.phone);
--> statement-breakpoint
-- 3. The verdict per channel, written only where it changes.
UPDATE contacts SET verdict = (CASE WHEN EXISTS (SELECT 1 FROM json_each(contacts.reasons) WHERE value IN ('email_syntax', 'email_too_long', 'mx_none', 'mx_null', 'domain_missing', 'suppressed') OR (contacts.email IS NULL AND value IN ('phone_invalid', 'phone_not_mobile', 'phone_suppressed'))) THEN 'invalid'
    WHEN EXISTS (SELECT 1 FROM json_each(contacts.reasons) WHERE value IN ('email_typo', 'email_disposable', 'email_role', 'dns_unknown') OR (contacts.email IS NULL AND value IN ('phone_foreign'))) THEN 'risky' ELSE 'valid' END)
WHERE verdict != (CASE WHEN EXISTS (SELECT 1 FROM json_each(contacts.reasons) WHERE value IN ('email_syntax', 'email_too_long', 'mx_none', 'mx_null', 'domain_missing', 'suppressed') OR (contacts.email IS NULL AND value IN ('phone_invalid', 'phone_not_mobile', 'phone_suppressed'))) THEN 'invalid'
    WHEN EXISTS (SELECT 1 FROM json_each(contacts.reasons) WHERE value IN ('email_typo', 'email_disposable', 'email_role', 'dns_unknown') OR (contacts.email IS NULL AND value IN ('phone_foreign'))) THEN 'risky' ELSE 'valid' END);
