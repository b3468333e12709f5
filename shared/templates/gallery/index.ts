/**
 * The template gallery (W2): six pre-designed, responsive MJML templates in Spanish (es-PE) that
 * an agency starts from when it writes to its suppliers. Each carries `[[branding]]` tokens,
 * filled once per account by `applyBranding`, and `{{merge fields}}`, filled per recipient at
 * send time. The sources are plain strings, so the Worker and the dashboard's editor share them.
 */
import { announcement } from "./announcement";
import { deadline } from "./deadline";
import { event } from "./event";
import { letter } from "./letter";
import { newsletter } from "./newsletter";
import { notice } from "./notice";

export type GalleryKey = "newsletter" | "announcement" | "event" | "deadline" | "notice" | "letter";

export type GalleryTemplate = {
  key: GalleryKey;
  /** Spanish, shown in the gallery. */
  name: string;
  /** Spanish, one line. */
  description: string;
  /** Suggested subject; may hold merge fields. */
  subject: string;
  /** Suggested preheader (also inside the MJML as <mj-preview>). */
  preheader: string;
  /** The MJML source, with [[branding]] tokens and {{merge fields}}. */
  mjml: string;
};

/** In the order the gallery shows them. */
export const GALLERY: readonly GalleryTemplate[] = Object.freeze([newsletter, announcement, event, deadline, notice, letter]);

/**
 * The template with this key, or null.
 * @example galleryTemplate("letter")?.name // "Carta"
 */
export function galleryTemplate(key: string): GalleryTemplate | null {
  return GALLERY.find((t) => t.key === key) ?? null;
}

export { applyBranding, DEFAULT_BRANDING, type Branding } from "./branding";
