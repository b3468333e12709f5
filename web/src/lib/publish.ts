/**
 * Whether a campaign shown in the dashboard has gone out, by the server's own rule for the
 * public archive and social posts (shared/archive/publish.ts): only then can it be published.
 */
import type { CampaignOut } from "./api";
import { publishRefusal } from "../../../shared/archive/publish";

export const wentOut = (c: CampaignOut) => publishRefusal({ channel: c.channel, status: c.status, started_at: c.startedAt ? 1 : null }) === null;
