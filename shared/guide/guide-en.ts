/** The English usage guide for a new sub-user (W5), the same sections as guide-es.ts. */
import type { Guide } from "./guide";

export const GUIDE_EN: Guide = {
  lang: "en",
  title: "Pregón user guide",
  subtitle: "For new sub-users",
  intro:
    "Welcome. Your administrator created a sub-user account for you in Pregón. In a few minutes this guide explains how to log in, what each section of the dashboard holds, what your role may do and how to send your first campaign.",
  sections: [
    {
      id: "what",
      title: "What Pregón is",
      blocks: [
        { kind: "p", text: "Pregón is your institution's platform for sending email campaigns and text messages (SMS) to its contacts, measuring opens, clicks and deliveries, and keeping its sending reputation healthy." },
        { kind: "p", text: "Every send spends credits from a bag; everything done in the dashboard is kept in the audit log." },
      ],
    },
    {
      id: "login",
      title: "Logging in",
      blocks: [
        { kind: "list", items: [
          "Open the link in the welcome email and choose your password (at least 10 characters). The link is valid for 72 hours and works once.",
          "Then log in to the dashboard with your email and that password.",
          "If the link expired or was already used, ask your administrator for a new one.",
          "You can change your password and language under Settings. After several failed attempts, logging in is blocked for a few minutes.",
        ] },
      ],
    },
    {
      id: "sections",
      title: "The dashboard's sections",
      blocks: [
        { kind: "p", text: "The menu on the left (on a phone, the menu button) leads to each section. You only see the actions your role allows." },
        { kind: "terms", items: [
          ["Home", "Your activity at a glance: latest campaigns, credit balance and shortcuts."],
          ["Campaigns", "Create, schedule, send, pause and review email campaigns, with live analytics."],
          ["SMS", "Send single text messages and SMS campaigns, with their cost in segments."],
          ["Contacts", "Lists, segments, CSV or Excel imports, list cleaning and suppressions."],
          ["Templates", "Email designs with your institution's branding; the gallery has ready-made ones."],
          ["Automations", "Messages that go out by themselves on a trigger (a subscription, a date), step by step."],
          ["Reports", "The monthly consumption report and CSV and PDF exports."],
          ["SMS inbox", "Replies to your SMS, by number, to answer them."],
          ["Users", "The account's sub-users and their roles (owner and administrators only)."],
          ["Credits", "Your email and SMS balance, the bags and their validity, and the history."],
          ["Settings", "Your profile, language and password; branding, sending domains and SMS providers for administrators."],
          ["Audit", "The audit log: who did what, and when."],
        ] },
      ],
    },
    {
      id: "roles",
      title: "What your role may do",
      blocks: [
        { kind: "p", text: "Your role is named in the welcome email and under Users. Each role includes what the ones below it may do:" },
        { kind: "terms", items: [
          ["Owner", "Everything, including credit bags and managing administrators."],
          ["Administrator", "Manages sub-users (senders, editors and viewers) and API keys, allocates credit, configures the account and reads the audit log."],
          ["Sender", "Manages contacts and lists, prepares campaigns and sends them."],
          ["Editor", "Prepares campaigns and templates but does not send them."],
          ["Viewer", "Reads campaigns, contacts, reports and credits without changing anything."],
        ] },
      ],
    },
    {
      id: "credits",
      title: "How credits work",
      blocks: [
        { kind: "list", items: [
          "An email accepted by the sending server costs one email credit; an SMS costs one credit per segment.",
          "Credits come in bags with an expiry date; what expires first is spent first.",
          "The owner and administrators send from the main balance. An administrator allocates credit to a sender or editor, whose sends then use that allocation.",
          "Scheduling a campaign reserves its credit; at the end only what went out is debited and the rest returns. What did not go out because of a platform fault is refunded.",
        ] },
      ],
    },
    {
      id: "campaign",
      title: "Your first campaign",
      blocks: [
        { kind: "list", items: [
          "Contacts: import a file or use an existing list. Only people who gave consent are mailed.",
          "Templates: pick one from the gallery or make your own.",
          "Campaigns › New campaign: name, subject, sender, template and audience (lists or segments).",
          "Send a test to your own address and check the preview on desktop, tablet and phone.",
          "Schedule it or send now: the dashboard confirms how many contacts it goes to and how many credits it costs.",
          "Follow it live: sent, opens, clicks, bounces and unsubscribes.",
        ] },
      ],
    },
    {
      id: "sms",
      title: "SMS basics",
      blocks: [
        { kind: "list", items: [
          "An SMS of up to 160 characters is one segment; with á, í, ó, ú or emoji, 70 fit. Longer messages use several segments, each costing one credit.",
          "Messages go to Peruvian mobiles (+51 9…) of contacts subscribed to SMS.",
          "Anyone who replies BAJA stops receiving SMS at once; their email is not affected.",
          "Links are shortened automatically and clicks are counted. Replies arrive in the SMS inbox.",
        ] },
      ],
    },
    {
      id: "help",
      title: "Where to get help",
      blocks: [
        { kind: "p", text: "Your administrator (who created your account) can change your role, allocate credit or send you a new link. This guide is always available at /guia in the dashboard, and as a PDF at /guia.pdf." },
      ],
    },
  ],
};
