/**
 * The archive's feeds (W6): RSS 2.0 and Atom 1.0 of the latest published campaigns, built as
 * strings from plain data. Every text goes through escapeXml (which also drops characters XML
 * forbids), so a subject like `<script>` or `Tom & Jerry` yields a valid feed, never an error.
 */
import { escapeXml } from "./xml";

export type FeedItem = { id: string; title: string; url: string; summary: string; publishedAt: number; sentAt: number | null };
export type Feed = { title: string; description: string; url: string; selfUrl: string; updatedAt: number; items: FeedItem[] };

/** How many items a feed carries. */
export const FEED_SIZE = 20;

const rfc822 = (ms: number) => new Date(ms).toUTCString();
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * RSS 2.0, with an atom:link to itself as the RSS Advisory Board recommends.
 * @example rssFeed({ title: "Avisos", description: "", url: "https://p.pe/archivo/muni", selfUrl: "https://p.pe/archivo/muni/rss.xml", updatedAt: 0, items: [] }).startsWith('<?xml version="1.0" encoding="UTF-8"?>') // true
 */
export function rssFeed(f: Feed): string {
  const items = f.items
    .slice(0, FEED_SIZE)
    .map(
      (i) => `    <item>
      <title>${escapeXml(i.title)}</title>
      <link>${escapeXml(i.url)}</link>
      <guid isPermaLink="true">${escapeXml(i.url)}</guid>
      <pubDate>${rfc822(i.sentAt ?? i.publishedAt)}</pubDate>
      <description>${escapeXml(i.summary)}</description>
    </item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(f.title)}</title>
    <link>${escapeXml(f.url)}</link>
    <description>${escapeXml(f.description || f.title)}</description>
    <language>es-pe</language>
    <lastBuildDate>${rfc822(f.updatedAt)}</lastBuildDate>
    <atom:link href="${escapeXml(f.selfUrl)}" rel="self" type="application/rss+xml" />
${items}
  </channel>
</rss>
`;
}

/**
 * Atom 1.0 (RFC 4287): feed and entries with id, title, updated, link; a summary per entry.
 * @example atomFeed(feed).includes('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es-PE">') // true
 */
export function atomFeed(f: Feed): string {
  const entries = f.items
    .slice(0, FEED_SIZE)
    .map(
      (i) => `  <entry>
    <id>${escapeXml(i.url)}</id>
    <title type="text">${escapeXml(i.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(i.url)}" />
    <published>${iso(i.sentAt ?? i.publishedAt)}</published>
    <updated>${iso(i.publishedAt)}</updated>
    <summary type="text">${escapeXml(i.summary)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es-PE">
  <id>${escapeXml(f.url)}</id>
  <title type="text">${escapeXml(f.title)}</title>
  <subtitle type="text">${escapeXml(f.description || f.title)}</subtitle>
  <updated>${iso(f.updatedAt)}</updated>
  <link rel="alternate" type="text/html" href="${escapeXml(f.url)}" />
  <link rel="self" type="application/atom+xml" href="${escapeXml(f.selfUrl)}" />
  <author><name>${escapeXml(f.title)}</name></author>
${entries}
</feed>
`;
}
