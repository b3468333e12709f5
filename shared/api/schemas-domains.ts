/**
 * Request and response schemas of the sending-domains API: a domain with its SPF, DKIM and
 * DMARC status, the records to publish, and what the last DNS check found.
 */
import { z } from "zod";
import { normalizeDomain } from "../email/domain-records";

const isoDate = z.iso.datetime();
const STATUS = ["pending", "ok", "missing", "wrong", "error"] as const;

export const CreateDomainBody = z.strictObject({
  domain: z
    .string()
    .max(300)
    .refine((d) => normalizeDomain(d) !== null, { error: "must be a domain name like avisos.entidad.gob.pe (no address, no https://)" })
    .meta({ description: "The domain of the sender's address, e.g. avisos.muni.gob.pe" }),
});

export const RecordCheckOut = z.object({
  status: z.enum(["ok", "missing", "wrong", "error"]),
  reason: z.string().nullable().meta({ description: "Why it is not ok: spf_none, spf_multiple, spf_include_missing, dkim_none, dkim_key_mismatch, dmarc_none, dns_error…" }),
  found: z.array(z.string()).meta({ description: "The TXT texts DNS returned (strings joined)" }),
  warnings: z.array(z.string()),
  policy: z.enum(["none", "quarantine", "reject"]).optional(),
});

export const DomainOut = z.object({
  id: z.string(),
  domain: z.string(),
  selector: z.string(),
  spf: z.enum(STATUS),
  dkim: z.enum(STATUS),
  dmarc: z.enum(STATUS),
  verified: z.boolean().meta({ description: "SPF and DKIM are ok: campaigns may be sent from this domain" }),
  checkedAt: isoDate.nullable(),
  createdAt: isoDate,
});
export const DomainList = z.object({ domains: z.array(DomainOut) });

export const PublishRecordOut = z.object({
  kind: z.enum(["spf", "dkim", "dmarc"]),
  type: z.literal("TXT"),
  host: z.string(),
  value: z.string().nullable().meta({ description: "Null when it depends on the relay (SPF without SPF_INCLUDE): see note" }),
  required: z.boolean(),
  note: z.enum(["spf_merge", "spf_relay_unknown", "spf_bounce_domain", "dmarc_rua_mailbox"]).nullable(),
});

export const DomainDetail = DomainOut.extend({
  records: z.array(PublishRecordOut),
  check: z.object({ spf: RecordCheckOut, dkim: RecordCheckOut, dmarc: RecordCheckOut }).nullable(),
});
