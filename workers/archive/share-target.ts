/**
 * Where a campaign's share links point (W6), for the send-time renderer and the recipient's web
 * version: the campaign's archive page when it is published in an enabled archive, else its
 * contact-free public address (`/v/p/<token>`, shared/archive/public-link.ts). Never the
 * recipient's own web version, which shows their data and their opt-out link.
 */
import { publicCampaignUrl, signCampaignToken } from "../../shared/archive/public-link";
import { campaignPublicUrl } from "./store";

export type ShareTarget = {
  url: string;
  /** The archive page and its archive, when published; null while the public address serves. */
  published: { url: string; archiveUrl: string; archiveTitle: string } | null;
};

/**
 * The share target of `campaignId`, public links made under `baseUrl` (PUBLIC_URL).
 * @example (await shareTarget(env, key, "cmp_1", "https://p.pe")).url // "https://p.pe/v/p/MWNtcF8x.…" until published
 */
export async function shareTarget(env: Env, key: CryptoKey, campaignId: string, baseUrl: string): Promise<ShareTarget> {
  const published = await campaignPublicUrl(env, campaignId);
  if (published) return { url: published.url, published };
  return { url: publicCampaignUrl(baseUrl, await signCampaignToken(key, campaignId)), published: null };
}
