/**
 * The local inbox's memory: the last `cap` mails received (oldest dropped first), each kept as
 * its raw source plus the summary the list shows. Bodies are parsed again (mailparser) when a
 * mail is opened, so a few thousand 20 KB campaign mails stay a few tens of MB.
 */
import { simpleParser } from "mailparser";

export class Inbox {
  constructor(cap = 2000) {
    this.cap = cap;
    this.mails = [];
    this.version = 0; // bumped on every change: the page polls it to know when to redraw
    this.nextId = 1;
  }

  /** Stores one received mail: `raw` is a Buffer, `envelope` { mailFrom, rcptTo[] }. */
  async add(raw, envelope) {
    const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
    this.mails.push({
      id: String(this.nextId++),
      receivedAt: new Date().toISOString(),
      envelope,
      size: raw.length,
      subject: parsed.subject ?? "",
      from: parsed.from?.text ?? envelope.mailFrom,
      fromName: parsed.from?.value[0]?.name || parsed.from?.value[0]?.address || envelope.mailFrom,
      to: addressText(parsed.to) ?? envelope.rcptTo.join(", "),
      raw,
    });
    if (this.mails.length > this.cap) this.mails.splice(0, this.mails.length - this.cap);
    this.version++;
  }

  /** Newest first, without bodies. */
  list() {
    return this.mails.map(({ raw, ...summary }) => summary).reverse();
  }

  /** One mail with its bodies and headers, or null. */
  async open(id) {
    const mail = this.mails.find((m) => m.id === id);
    if (!mail) return null;
    const parsed = await simpleParser(mail.raw);
    const { raw, ...summary } = mail;
    return {
      ...summary,
      text: parsed.text ?? "",
      html: parsed.html || null, // cid: images already inlined as data: URLs by mailparser
      headers: parsed.headerLines.map((h) => h.line),
      attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, size: a.size })),
      source: raw.toString("utf8"),
    };
  }

  clear() {
    this.mails = [];
    this.version++;
  }
}

function addressText(field) {
  if (!field) return null;
  return Array.isArray(field) ? field.map((a) => a.text).join(", ") : field.text;
}
