/**
 * The SNS side of the SES webhook: validate the envelope, fetch the signing certificate (only
 * from an SNS host, cached per isolate), verify the signature, pin the topic when
 * SES_SNS_TOPIC_ARN is set, and confirm a subscription by visiting its SubscribeURL.
 */
import { isSnsUrl, snsMessage, verifySns } from "../../shared/bounces/sns";

/** Outbound GET to SNS hosts (the certificate, the subscription confirmation); tests give a local one. */
export type SnsFetch = (url: string) => Promise<Response>;

const certs = new Map<string, Promise<string>>();

/** The certificate at `url` (an SNS host, checked by the caller), cached; a failed fetch is not cached. */
function certificate(url: string, get: SnsFetch): Promise<string> {
  let pem = certs.get(url);
  if (!pem) {
    pem = get(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`certificate fetch: HTTP ${r.status}`))));
    pem.catch(() => certs.delete(url));
    if (certs.size > 20) certs.clear();
    certs.set(url, pem);
  }
  return pem;
}

export type SnsCheck = { status: "ok"; confirmed: boolean; message: string } | { status: "malformed" | "forged"; message: string };

/**
 * @example const sns = await checkSns(JSON.parse(body), env, (url) => fetch(url))
 */
export async function checkSns(payload: unknown, env: { SES_SNS_TOPIC_ARN?: string }, get: SnsFetch): Promise<SnsCheck> {
  const p = snsMessage.safeParse(payload);
  if (!p.success) return { status: "malformed", message: "Not an SNS message" };
  const m = p.data;
  if (!isSnsUrl(m.SigningCertURL)) return { status: "forged", message: "Signing certificate is not on an SNS host" };
  if (env.SES_SNS_TOPIC_ARN && m.TopicArn !== env.SES_SNS_TOPIC_ARN) return { status: "forged", message: "Unexpected topic" };
  // An unreachable certificate throws: the caller answers 503 and SNS delivers again later.
  const pem = await certificate(m.SigningCertURL, get);
  if (!(await verifySns(m, pem))) return { status: "forged", message: "Signature does not verify" };
  if (m.Type === "SubscriptionConfirmation") {
    if (!m.SubscribeURL || !isSnsUrl(m.SubscribeURL)) return { status: "malformed", message: "SubscribeURL is not on an SNS host" };
    const r = await get(m.SubscribeURL);
    if (!r.ok) throw new Error(`SNS subscription confirmation: HTTP ${r.status}`);
    return { status: "ok", confirmed: true, message: "" };
  }
  if (m.Type === "UnsubscribeConfirmation") return { status: "ok", confirmed: true, message: "" };
  return { status: "ok", confirmed: false, message: m.Message };
}
