/**
 * What the automation builder and the automations table pick from and name: templates, lists,
 * custom fields, segments, SMS keywords and email campaigns, loaded together. A source the
 * person's role cannot read (the keywords, the contacts' lists) comes back empty instead of
 * failing the page. Also the sender a new email step starts from: the newest email campaign's.
 */
import { api, type FieldOut, type KeywordOut, type ListOut, type SegmentOut, type TemplateSummary, type CampaignOut } from "./api";
import type { Names } from "./automation-words";

export type AutomationRefs = {
  templates: TemplateSummary[];
  lists: ListOut[];
  fields: FieldOut[];
  segments: SegmentOut[];
  keywords: KeywordOut[];
  campaigns: CampaignOut[];
  sender: { fromName: string; fromAddress: string };
  names: Names;
};

const orEmpty = <T>(p: Promise<T>, empty: T): Promise<T> => p.catch(() => empty);

/** @example const refs = await loadAutomationRefs(); refs.names.lists.get(listId) */
export async function loadAutomationRefs(): Promise<AutomationRefs> {
  const [templates, lists, fields, segments, keywords, campaigns] = await Promise.all([
    orEmpty(api.templates(), { templates: [] }),
    orEmpty(api.lists(), { lists: [] }),
    orEmpty(api.fields(), { fields: [] }),
    orEmpty(api.segments(), { segments: [] }),
    orEmpty(api.smsKeywords(), { keywords: [], builtIn: [] }),
    orEmpty(api.campaigns(), { campaigns: [], nextCursor: null }),
  ]);
  const email = campaigns.campaigns.filter((c) => c.channel === "email");
  const last = email.find((c) => c.fromAddress);
  return {
    templates: templates.templates,
    lists: lists.lists,
    fields: fields.fields,
    segments: segments.segments,
    keywords: keywords.keywords,
    campaigns: email,
    sender: { fromName: last?.fromName ?? "", fromAddress: last?.fromAddress ?? "" },
    names: {
      lists: new Map(lists.lists.map((l) => [l.id, l.name])),
      segments: new Map(segments.segments.map((s) => [s.id, s.name])),
      campaigns: new Map(email.map((c) => [c.id, c.name])),
      templates: new Map(templates.templates.map((x) => [x.id, x.name])),
      fields: new Map(fields.fields.map((f) => [f.key, f.label])),
    },
  };
}
