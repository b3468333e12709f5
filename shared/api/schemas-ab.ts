/**
 * Request and response schemas of a campaign's A/B test (B3) and of the re-send of messages
 * lost to a platform fault (C1). The rules between fields (B's subject or template for its
 * kind, B different from A) live in shared/campaigns/ab.ts, checked when the campaign is saved.
 */
import { z } from "zod";
import { AB_KINDS, AB_LIMITS, AB_METRICS, VARIANTS } from "../campaigns/ab";

const { testPercent, waitHours } = AB_LIMITS;

export const AbBody = z
  .strictObject({
    kind: z.enum(AB_KINDS).meta({ description: "Test the subject or the content (template)" }),
    subjectB: z.string().trim().min(1, { error: "must not be empty" }).max(200, { error: "must be at most 200 characters" }).optional().meta({ description: "Version B's subject (kind subject)" }),
    templateIdB: z.string().optional().meta({ description: "Version B's template (kind content); its HTML and text are copied now" }),
    testPercent: z
      .number()
      .int({ error: "must be a whole number" })
      .min(testPercent.min, { error: `must be from ${testPercent.min} to ${testPercent.max}` })
      .max(testPercent.max, { error: `must be from ${testPercent.min} to ${testPercent.max}` })
      .meta({ description: "Share of the audience in the test, split half and half between A and B" }),
    metric: z.enum(AB_METRICS).meta({ description: "The winner has the higher rate of opens or of clicks" }),
    waitHours: z
      .number()
      .int({ error: "must be a whole number" })
      .min(waitHours.min, { error: `must be from ${waitHours.min} to ${waitHours.max} hours` })
      .max(waitHours.max, { error: `must be from ${waitHours.min} to ${waitHours.max} hours` })
      .meta({ description: "Hours after the test starts at which the winner is picked and the rest is sent" }),
  })
  .meta({ description: "A/B test (B3); null removes it" });

const Counts = z.object({ sent: z.number().int(), opens: z.number().int(), clicks: z.number().int() });
const Rated = Counts.extend({ rate: z.number() });

export const AbOut = z.object({
  kind: z.enum(AB_KINDS),
  subjectB: z.string().nullable(),
  templateIdB: z.string().nullable(),
  testPercent: z.number().int(),
  metric: z.enum(AB_METRICS),
  waitHours: z.number().int(),
  /** When the winner is (or was) picked; null before the send starts. */
  decideAt: z.iso.datetime().nullable(),
  winner: z.enum(VARIANTS).nullable(),
  /** Each version's test sample now: accepted, opened, clicked. */
  variants: z.object({ A: Counts, B: Counts }),
  /** The counts the winner was picked with. */
  result: z.object({ metric: z.enum(AB_METRICS), decidedAt: z.iso.datetime(), A: Rated, B: Rated }).nullable(),
});
