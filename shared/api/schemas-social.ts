/**
 * Schemas of connected social accounts and campaign posts (W6): connect an account (network,
 * name, target checked per network, token, auto-publish), change it, the account as listed
 * (never its token: only `tokenHint`, its last four characters), and a campaign's posts with
 * their status, the post's address and the network's error.
 */
import { z } from "zod";
import { SOCIAL_NETWORKS, targetProblem } from "../social/networks";

const isoDate = z.iso.datetime();
const Token = z.string().trim().min(1, { error: "must not be empty" }).max(4000).describe("The access token posts are made with (sealed at rest, never returned)");
const Name = z.string().trim().min(1, { error: "must not be empty" }).max(100);

export const CreateSocialAccountBody = z
  .strictObject({
    network: z.enum(SOCIAL_NETWORKS, { error: `must be one of ${SOCIAL_NETWORKS.join(", ")}` }),
    name: Name.describe("How the dashboard calls it, e.g. the Page's name"),
    target: z.string().trim().max(200).describe("Facebook: the Page id; LinkedIn: urn:li:organization:<id>; X: the user id"),
    token: Token,
    autoPublish: z.boolean().optional().describe("Post every email campaign when it starts sending (default true)"),
  })
  .superRefine((b, ctx) => {
    const problem = targetProblem(b.network, b.target);
    if (problem !== null) ctx.addIssue({ code: "custom", path: ["target"], message: problem });
  });

export const UpdateSocialAccountBody = z.strictObject({
  name: Name.optional(),
  autoPublish: z.boolean().optional(),
  token: Token.optional().describe("A new access token (e.g. after the old one expired)"),
});

export const SOCIAL_POST_STATUSES = ["pending", "posting", "posted", "failed"] as const;

export const SocialAccountOut = z.object({
  id: z.string(),
  network: z.enum(SOCIAL_NETWORKS),
  name: z.string(),
  target: z.string(),
  tokenHint: z.string().nullable().describe("The token's last four characters; null when it no longer opens (the deployment's secret changed)"),
  autoPublish: z.boolean(),
  lastPost: z
    .object({ campaignId: z.string(), status: z.enum(SOCIAL_POST_STATUSES), url: z.string().nullable(), error: z.string().nullable(), at: isoDate })
    .nullable()
    .describe("The latest post made with this account"),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type SocialAccountOut = z.infer<typeof SocialAccountOut>;
export const SocialAccountList = z.object({ accounts: z.array(SocialAccountOut) });

export const SocialPostOut = z.object({
  id: z.string(),
  socialAccountId: z.string(),
  network: z.enum(SOCIAL_NETWORKS),
  accountName: z.string(),
  status: z.enum(SOCIAL_POST_STATUSES).describe("pending (waiting or to be retried), posting (in flight), posted, failed"),
  attempts: z.number().int(),
  url: z.string().nullable().describe("The post on the network"),
  error: z.string().nullable().describe("The network's answer when it refused (e.g. an expired token), or why it could not be reached"),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type SocialPostOut = z.infer<typeof SocialPostOut>;
export const SocialPostList = z.object({ posts: z.array(SocialPostOut), publicUrl: z.string().nullable().describe("The address the posts link to") });

export const PublishSocialBody = z.strictObject({
  accounts: z.array(z.string().min(1).max(60)).min(1).max(50).optional().describe("Social account ids (default: every connected account)"),
});
