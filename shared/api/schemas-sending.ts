/**
 * Request and response schemas of the send limits (E5, B6): an account's hourly limits per
 * mailbox provider and its warm-up schedule, and what holds a campaign back right now. The
 * rules beyond the shape (a real date, caps that never shrink) come from shared/campaigns/throttle.ts.
 */
import { z } from "zod";
import { PROVIDERS } from "../campaigns/providers";
import { checkLimits, MAX_LIMIT, MAX_WARMUP_DAYS } from "../campaigns/throttle";

const isoDate = z.iso.datetime();
const amount = z.int({ error: "must be a whole number" }).min(1, { error: "must be at least 1 (null: no limit)" }).max(MAX_LIMIT);
const perHour = amount.nullable().optional().meta({ description: "Messages per hour to this provider's mailboxes, across every campaign; null or absent: no limit" });

export const SendLimitsBody = z
  .strictObject({
    perProviderPerHour: z.strictObject({ gmail: perHour, outlook: perHour, yahoo: perHour, other: perHour }),
    warmup: z
      .strictObject({
        startDate: z.string().max(10).meta({ description: "First day of the schedule, YYYY-MM-DD in America/Lima" }),
        dailyCaps: z.array(amount).max(MAX_WARMUP_DAYS).meta({ description: "Messages per Lima day: the first on startDate, then one a day; never lower than the day before; the last holds afterwards" }),
      })
      .nullable()
      .optional(),
  })
  .superRefine((value, ctx) => {
    const problem = checkLimits(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem.message, path: problem.field.split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k)) });
  });

const ProviderNumbers = z.object({ gmail: z.number().nullable(), outlook: z.number().nullable(), yahoo: z.number().nullable(), other: z.number().nullable() });

export const SendLimitsOut = z.object({
  perProviderPerHour: ProviderNumbers,
  warmup: z.object({ startDate: z.string(), dailyCaps: z.array(z.int()) }).nullable(),
  relayPerMinute: z.int().nullable().meta({ description: "The relay's own rate, set by the operator (SMTP_RATE_PER_MINUTE), shared by every account" }),
  usage: z.object({
    thisHour: ProviderNumbers.meta({ description: "Released this hour per provider (counted for limited providers only)" }),
    today: z.int().meta({ description: "Released today (Lima), counted while a warm-up is set" }),
    todayCap: z.int().nullable().meta({ description: "Today's warm-up cap" }),
    warmupDay: z.int().nullable().meta({ description: "Day of the warm-up today (1 = startDate; 0 before it)" }),
  }),
  updatedAt: isoDate.nullable(),
});

export const ThrottleOut = z.object({
  throttled: z.boolean(),
  holds: z.array(
    z.object({
      provider: z.enum(PROVIDERS),
      limitedBy: z.enum(["provider", "relay", "warmup"]),
      limit: z.int(),
      nextAt: isoDate.meta({ description: "When the window turns over and the next batch goes" }),
    }),
  ),
});
