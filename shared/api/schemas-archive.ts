/**
 * Schemas of the public archive's settings (W6): `GET/PUT /archive`. Publishing a campaign
 * (`POST/DELETE /campaigns/:id/publish`) answers the campaign itself (CampaignOut), which
 * carries `publishedAt` and `publicUrl`.
 */
import { z } from "zod";

export const ArchiveBody = z.strictObject({
  slug: z.string().max(100).meta({ description: "The archive's address, /archivo/{slug}: 3–40 characters a-z, 0-9 and inner hyphens, unique across accounts (409 naming `slug` when taken)" }),
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(500).nullable().optional(),
  enabled: z.boolean().meta({ description: "Off: the archive, its feeds and its widget answer 404" }),
});

export const ArchiveOut = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  enabled: z.boolean(),
  stored: z.boolean().meta({ description: "False until the settings are saved once: the values are the defaults (off, from the account's name)" }),
  urls: z.object({
    index: z.string().meta({ description: "The public list of published campaigns" }),
    rss: z.string(),
    atom: z.string(),
    widget: z.string().meta({ description: "The widget page for an iframe (?n=1..20, ?lang=en)" }),
    widgetScript: z.string().meta({ description: "A script that inserts the widget's iframe where it is placed (data-n, data-lang)" }),
  }),
});
export type ArchiveOut = z.infer<typeof ArchiveOut>;
