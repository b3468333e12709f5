/**
 * The sections of the dashboard in navigation order, with the permission each needs to be
 * listed (none: every role sees it). Sections not built yet show "Próximamente". Pages that
 * belong to a section without being one (the sending domains, under Configuración) are linked
 * from it and keep it highlighted (`also`).
 */
import type { MessageKey } from "../i18n";

export type NavItem = { path: string; label: MessageKey; permission?: string; soon?: boolean; also?: string[] };

export const NAV: readonly NavItem[] = [
  { path: "/", label: "nav.home" },
  { path: "/campaigns", label: "nav.campaigns", permission: "campaigns.read" },
  { path: "/sms", label: "nav.sms", permission: "campaigns.read" },
  { path: "/contacts", label: "nav.contacts", permission: "contacts.read" },
  { path: "/templates", label: "nav.templates", permission: "campaigns.read" },
  { path: "/automations", label: "nav.automations", permission: "campaigns.read" },
  { path: "/reports", label: "nav.reports" },
  { path: "/inbox", label: "nav.inbox", permission: "campaigns.read" },
  { path: "/users", label: "nav.users", permission: "users.read" },
  { path: "/credits", label: "nav.credits", permission: "credits.read" },
  { path: "/settings", label: "nav.settings", also: ["/domains"] },
  { path: "/audit", label: "nav.audit", permission: "audit.read" },
];
