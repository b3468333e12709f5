/** English strings of SMS campaigns (issue 6); the keys of es-sms-campaign.ts. */
import type { esSmsCampaign } from "./es-sms-campaign";

export const enSmsCampaign: Record<keyof typeof esSmsCampaign, string> = {
  "smsCamp.channel": "Channel",
  "smsCamp.channel.email": "Email",
  "smsCamp.channel.sms": "SMS",
  "smsCamp.form.text": "Message",
  "smsCamp.form.textRequired": "Write the message.",
  "smsCamp.form.submit": "Save draft",
  "smsCamp.form.saving": "Saving…",
  "smsCamp.form.cancel": "Cancel",
  "smsCamp.text.title": "SMS message",
  "smsCamp.text.note": "Each contact gets the message with their own data; links become a short link of their own.",
  "smsCamp.summary": "It will go to {count} contacts; ~{credits} credits will be deducted.",
  "smsCamp.summaryApprox": "It will go to approx. {count} contacts; ~{credits} credits will be deducted (the exact number is computed when sending).",
  "smsCamp.balance": "Your SMS balance: {balance} credits. If it is not enough, it is sent in groups until it runs out and the campaign pauses.",
};
