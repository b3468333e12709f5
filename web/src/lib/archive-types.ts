/**
 * The public archive API's shapes as the dashboard uses them (W6): type-only aliases of the
 * Worker's zod schemas (shared/api/schemas-archive.ts), so zod stays out of the bundle. Re-exported
 * by api.ts, like webhooks-types.ts.
 */
import type { z } from "zod";
import type * as AR from "../../../shared/api/schemas-archive";

export type ArchiveOut = z.infer<typeof AR.ArchiveOut>;
export type ArchiveBody = { slug: string; title: string; description?: string | null; enabled: boolean };
