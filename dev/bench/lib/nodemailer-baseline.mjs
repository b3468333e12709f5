/**
 * The baseline of bench:send: the same personalised messages sent from plain Node with
 * nodemailer's pooled SMTP transport (pool: true, maxConnections 20, maxMessages Infinity) and
 * its DKIM signing with the same RSA-2048 key, into the same smtp-sink.
 *
 * Each recipient's copy is made with the project's own code, imported from TypeScript (see
 * ts-import.mjs): the campaign's subject, text and HTML compiled once with
 * shared/email/merge.ts and shared/email/compose.ts (links found once), then per recipient the
 * merge fields, the signed unsubscribe and web-version URLs, the signed click links and the
 * open pixel. The tokens are those of shared/email/links.ts, made here with node:crypto's
 * synchronous HMAC (Node's WebCrypto queues every HMAC as a job, which a Node sender would not
 * pay); the first recipient's copy is checked against the project's renderTrackedHtml. nodemailer builds the
 * MIME (its own choice of encodings), signs it (relaxed/relaxed, rsa-sha256) and sends it with
 * the VERP envelope sender.
 *
 * The clock runs from the first recipient's rendering to the last message accepted; rendering
 * stays inside the timed window as it does for the Worker. At most `window` messages are
 * rendered ahead of the pool, so memory stays flat whatever the count.
 */
import "./ts-import.mjs";
import { createHmac, createPrivateKey } from "node:crypto";
import nodemailer from "nodemailer";

const { compileTemplate, renderTemplate, systemFields } = await import("../../../shared/email/merge.ts");
const { compileTrackedHtml, renderTrackedHtml } = await import("../../../shared/email/compose.ts");
const { applyLinks, importLinkKey, TRACK_PATHS } = await import("../../../shared/email/links.ts");

const b64url = (buf) => buf.toString("base64").replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
/** shared/email/links.ts signToken, synchronously: base64url(payload) "." base64url(HMAC-SHA256 truncated to 16 bytes). */
function tokenSigner(secret) {
  const letter = { click: "c", open: "o", unsubscribe: "u", view: "v" };
  return (kind, campaignId, contactId, url) => {
    const payload = b64url(Buffer.from(`1${letter[kind]}${campaignId}\n${contactId}${url === undefined ? "" : `\n${url}`}`));
    return `${payload}.${b64url(createHmac("sha256", secret).update(payload).digest().subarray(0, 16))}`;
  };
}
const { subjectFor } = await import("../../../shared/campaigns/schedule.ts");

const compiled = (source) => {
  const t = compileTemplate(source);
  if (!t.ok) throw new Error(`template does not compile: ${t.error.message}`);
  return t.template;
};

/**
 * Send to every `people` row ({ id, email, first_name, last_name, position, company, phone,
 * fields }) the campaign `campaign` (its D1 row: subject, html, text, from_*, commercial…).
 * Resolves to `{ seconds, accepted, failed, firstError }`.
 */
export async function runNodemailerBaseline({ port, people, campaign, dkim, linkSecret, baseUrl, bounceDomain, maxConnections = 20, window = 400, onProgress = () => {} }) {
  const linkKey = await importLinkKey(linkSecret);
  const sign = tokenSigner(linkSecret);
  const subject = compiled(subjectFor(campaign.subject, campaign.commercial === 1));
  const preheader = campaign.preheader ? compiled(campaign.preheader) : null;
  const text = compiled(campaign.text);
  const tracked = compileTrackedHtml(campaign.html, baseUrl);
  if (!tracked.ok) throw new Error(`campaign HTML does not compile: ${tracked.error.message}`);

  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections,
    maxMessages: Infinity,
    host: "127.0.0.1",
    port,
    secure: false,
    ignoreTLS: true,
    name: "pregon.local",
    // A KeyObject rather than the PEM text: nodemailer hands it to crypto's sign() as it is, and
    // a parsed key saves it parsing the PEM for every message (about 1 ms each here), so the
    // baseline is nodemailer at its best.
    dkim: { domainName: dkim.domain, keySelector: dkim.selector, privateKey: createPrivateKey(dkim.privatePem) },
  });

  /** renderTrackedHtml with synchronous tokens. */
  function trackedHtml(t, data, contactId) {
    const urls = t.links.map((l) => (typeof l === "string" ? l : renderTemplate(l, data, "text").trim()));
    const tokens = { clicks: urls.map((u) => sign("click", campaign.id, contactId, u)), open: sign("open", campaign.id, contactId) };
    return { html: applyLinks({ segments: t.segments.map((s) => renderTemplate(s, data, "html")), holes: t.holes, links: urls }, tokens, baseUrl), links: urls };
  }

  let checked = false;
  async function render(p) {
    const unsubscribeUrl = `${baseUrl}${TRACK_PATHS.unsubscribe}${sign("unsubscribe", campaign.id, p.id)}`;
    const webUrl = `${baseUrl}${TRACK_PATHS.view}${sign("view", campaign.id, p.id)}`;
    const now = new Date();
    const data = {
      standard: { firstName: p.first_name, lastName: p.last_name, position: p.position, company: p.company, email: p.email, phone: p.phone },
      custom: JSON.parse(p.fields),
      system: systemFields({ unsubscribeUrl, webUrl, now }),
    };
    const html = trackedHtml(tracked.tracked, data, p.id);
    if (!checked) {
      checked = true;
      const reference = await renderTrackedHtml(tracked.tracked, data, linkKey, { baseUrl, campaignId: campaign.id, contactId: p.id });
      if (reference.html !== html.html) throw new Error("the baseline's copy differs from the project's renderTrackedHtml");
    }
    return {
      from: { name: campaign.from_name, address: campaign.from_address },
      to: p.email,
      subject: renderTemplate(subject, data, "text"),
      text: renderTemplate(text, data, "text"),
      html: preheader ? html.html.replace(/<body\b[^>]*>/i, (m) => `${m}<span style="display:none">${renderTemplate(preheader, data, "html")}</span>`) : html.html,
      messageId: `<${campaign.id}.${p.id}.${now.getTime().toString(36)}@${bounceDomain}>`,
      date: now,
      envelope: { from: `b-${campaign.id.slice(0, 8)}-${p.id.toString(36)}@${bounceDomain}`, to: p.email },
      headers: {
        "List-Unsubscribe": `<${unsubscribeUrl}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Feedback-ID": `${campaign.id}:${campaign.account_id}:pregon`,
        "X-Pregon-Campaign": campaign.id,
      },
    };
  }

  let accepted = 0;
  let failed = 0;
  let firstError = null;
  let next = 0;
  const t0 = performance.now();
  let last = t0;
  // `window` lanes, each rendering its next recipient and handing it to the pool.
  async function lane() {
    while (next < people.length) {
      const p = people[next++];
      try {
        const info = await transport.sendMail(await render(p));
        if (info.accepted?.length) accepted++;
        else failed++;
      } catch (err) {
        failed++;
        firstError ??= err;
      }
      last = performance.now();
      if ((accepted + failed) % 5000 === 0) onProgress(accepted + failed, (last - t0) / 1000);
    }
  }
  await Promise.all(Array.from({ length: Math.min(window, people.length) }, lane));
  transport.close();
  return { seconds: (last - t0) / 1000, accepted, failed, firstError };
}
