/**
 * The social accounts API's shapes as the dashboard uses them (W6): type-only aliases of the
 * Worker's zod schemas (shared/api/schemas-social.ts), so zod stays out of the bundle. A file of
 * its own, re-exported by api.ts, like webhooks-types.ts.
 */
import type { z } from "zod";
import type * as SO from "../../../shared/api/schemas-social";
import type { SocialNetwork } from "../../../shared/social/networks";

export type { SocialNetwork };
export type SocialAccountOut = z.infer<typeof SO.SocialAccountOut>;
export type SocialPostOut = z.infer<typeof SO.SocialPostOut>;
export type SocialPostList = z.infer<typeof SO.SocialPostList>;
export type CreateSocialAccountBody = { network: SocialNetwork; name: string; target: string; token: string; autoPublish?: boolean };
export type UpdateSocialAccountBody = { name?: string; autoPublish?: boolean; token?: string };
