/**
 * English strings of the send limits, typed against the Spanish ones (es-sending.ts) so a
 * missing or misspelt key fails the type check; en.ts spreads them in.
 */
import type { SendingKey } from "./es-sending";

export const enSending: Record<SendingKey, string> = {
  "camp.etaHeld": "Depends on the send limits",
  "limits.title": "Sending limits",
  "limits.hint":
    "Gmail, Outlook and Yahoo distrust a sender that suddenly sends thousands of emails: they file them as spam or refuse them. These limits spread your campaigns over time. They hold for all the account's campaigns together; whatever does not fit in an hour or a day goes in the next batch.",
  "limits.perHour": "Per provider, emails per hour",
  "limits.perHourHint": "How many emails an hour may go to each provider's mailboxes. Leave it empty for no limit.",
  "limits.provider.gmail": "Gmail",
  "limits.provider.outlook": "Outlook / Hotmail",
  "limits.provider.yahoo": "Yahoo",
  "limits.provider.other": "Other domains",
  "limits.domains.gmail": "gmail.com, googlemail.com",
  "limits.domains.outlook": "outlook, hotmail, live, msn",
  "limits.domains.yahoo": "yahoo, ymail, rocketmail",
  "limits.domains.other": "Everything else, e.g. your organisation's own",
  "limits.usedThisHour": "This hour: {used}",
  "limits.noLimit": "No limit",
  "limits.relay": "Sending server: {rate} emails per minute for the whole platform (set by whoever runs the server).",
  "limits.relayNone": "The sending server has no per-minute limit.",
  "limits.warmup": "Warm-up",
  "limits.warmupUse": "Use a warm-up schedule",
  "limits.warmupHint": "For a new domain or server: start with few emails a day and grow slowly, so that providers learn to trust you.",
  "limits.startDate": "Start date (day 1)",
  "limits.startDateHint": "Lima time. Before that date the day-1 cap holds.",
  "limits.dailyCaps": "Emails per day",
  "limits.dailyCapsHint": "One number per day, separated by spaces or commas (no thousands separators), smallest first (e.g. 200 500 1000 5000). After the last day, the last one keeps holding.",
  "limits.today": "Today is day {day}: up to {cap} emails (sent today: {used}).",
  "limits.notStarted": "The warm-up has not started: the day-1 cap holds today, {cap} emails (sent today: {used}).",
  "limits.save": "Save limits",
  "limits.saving": "Saving…",
  "limits.saved": "The sending limits were saved.",
  "limits.readOnly": "Only an owner or administrator can change the limits.",
  "limits.badNumber": "Enter a whole number above 0, or leave it empty.",
  "limits.badDate": "Choose a date.",
  "limits.badCaps": "Enter at least one whole number above 0.",
  "limits.capsDown": "Day {day} cannot have fewer emails than the day before.",

  "throttle.title": "Sending spread out by the limits",
  "throttle.provider": "Limited by {provider}: {limit}/h; next batch {at}",
  "throttle.relay": "Limited by the sending server: {limit}/min; next batch {at}",
  "throttle.warmup": "Limited by the warm-up: {limit}/day; next batch {at}",
  "throttle.link": "See sending limits",
};
