/**
 * Schemas of the engagement analytics (W3, R1f): a campaign's opens and clicks over time, the
 * weekday × hour heatmap of human opens and the peak hours, in America/Lima time; and the same
 * heatmap and peaks over every campaign of the account. `satisfies` keeps them in step with
 * shared/analytics/engagement.ts, which computes them.
 */
import { z } from "zod";
import { WEEKDAYS, type CampaignAnalytics, type HeatmapRow, type PeakHour } from "../analytics/engagement";

const n = z.number().int().nonnegative();

const HourPoint = z.object({ hour: z.number().int().describe("Start of the UTC hour, ms since the epoch"), opens: n, clicks: n });
const DayPoint = z.object({ day: z.string().describe("Lima calendar day, YYYY-MM-DD"), opens: n, clicks: n });
const HeatmapRowOut = z
  .object({ weekday: z.enum(WEEKDAYS), opens: z.array(n).length(24).describe("Human opens in each Lima hour 0…23") })
  .describe("One Lima weekday") satisfies z.ZodType<HeatmapRow>;
const PeakHourOut = z.object({ hour: z.number().int().min(0).max(23).describe("Lima hour of the day"), opens: n }) satisfies z.ZodType<PeakHour>;

const Heatmap = z.array(HeatmapRowOut).length(7).describe("Rows lunes…domingo, Lima time, human opens only");
const PeakHours = z.array(PeakHourOut).max(3).describe("The (up to) three Lima hours with the most human opens, most first");

export const CampaignAnalyticsOut = z.object({
  timeline72h: z.array(HourPoint).describe("Human opens and clicks per hour for the 72 hours from the send start (empty before any send or event)"),
  daily: z.array(DayPoint).describe("Human opens and clicks per Lima day over the campaign's whole life"),
  heatmap: Heatmap,
  peakHours: PeakHours,
  machine: z.object({ opens: n, clicks: n }).describe("Machine opens and clicks (B5), counted apart from every series above"),
}) satisfies z.ZodType<CampaignAnalytics>;

export const EngagementOut = z.object({ heatmap: Heatmap, peakHours: PeakHours });
