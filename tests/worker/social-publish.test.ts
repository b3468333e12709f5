/**
 * Publishing campaigns to social networks (W6) against the local stand-ins of Facebook, LinkedIn
 * and X: a campaign that starts sending is posted once to each auto-publish account with the right
 * token and body (also when its Queue message is delivered again), a 500 is retried and then
 * posts, an expired token fails the post with the network's message, and the manual publish.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { api, errorOf, seedAccount } from "./helpers";
import { audience, untilStatus, until } from "./send-helpers";
import { callsTo, connect, enableArchive, failNext, postsOf, sentCampaign } from "./social-helpers";
import { LINKEDIN_VERSION } from "../../shared/social/calls";

/** Runs one `{type:"social"}` message through the Worker's queue handler; returns its ack / retry. */
async function deliver(campaignId: string, attempts = 1, accountIds?: string[]) {
  const batch = createMessageBatch("pregon-imports", [{ id: `social-${crypto.randomUUID()}`, timestamp: new Date(), attempts, body: { type: "social", campaignId, ...(accountIds ? { accountIds } : {}) } }]);
  await worker.queue(batch, env);
  return getQueueResult(batch, createExecutionContext());
}
/** Where archive pages live in the tests (PUBLIC_URL, else the local Worker). */
const BASE = ((env as { PUBLIC_URL?: string }).PUBLIC_URL || "http://127.0.0.1:8787").replace(/\/+$/, "");
const posted = (calls: { status: number }[]) => calls.filter((c) => c.status >= 200 && c.status < 300);

describe("auto-publish on send", () => {
  it("posts a campaign once to each auto-publish account, with the right auth and body, even when its message comes again", async () => {
    const s = await seedAccount({ email: 50 });
    const slug = await enableArchive(s);
    const fb = await connect(s, "facebook");
    const li = await connect(s, "linkedin");
    const x = await connect(s, "x");
    const manualOnly = await connect(s, "x", false);
    const { key, draft } = await audience(s, `ap${Date.now().toString(36)}`, 2);
    const id = ((await (await api("/campaigns", { key, body: { ...draft, subject: "Convocatoria abierta, {{nombre}}" } })).json()) as { id: string }).id;
    expect((await api(`/campaigns/${id}/send`, { method: "POST", key })).status).toBe(200);
    await untilStatus(s, id, "sent");
    const view = await until("three posts", async () => {
      const v = await postsOf(s, id);
      return v.posts.length === 3 && v.posts.every((p) => p.status === "posted") ? v : undefined;
    });
    const url = `${BASE}/archivo/${slug}/${id}`;
    expect(view.publicUrl).toBe(url);
    // Posting made the campaign public in the archive, the page the posts link to.
    expect(await env.DB.prepare("SELECT published_at FROM campaigns WHERE id = ?").bind(id).first<number | null>("published_at")).toBeGreaterThan(0);
    expect(view.posts.map((p) => p.network).sort()).toEqual(["facebook", "linkedin", "x"]);

    const fbCalls = await callsTo(fb);
    expect(fbCalls).toHaveLength(1);
    expect(fbCalls[0]!.body).toEqual({ message: "Convocatoria abierta", link: url, access_token: fb.token });
    const liCalls = await callsTo(li);
    expect(liCalls).toHaveLength(1);
    expect(liCalls[0]!.headers.authorization).toBe(`Bearer ${li.token}`);
    expect(liCalls[0]!.headers["linkedin-version"]).toBe(LINKEDIN_VERSION);
    expect(liCalls[0]!.body).toMatchObject({ author: li.target, commentary: "Convocatoria abierta", content: { article: { source: url, title: "Convocatoria abierta" } } });
    const xCalls = await callsTo(x);
    expect(xCalls).toHaveLength(1);
    expect(xCalls[0]!.headers.authorization).toBe(`Bearer ${x.token}`);
    expect(xCalls[0]!.body).toEqual({ text: `Convocatoria abierta ${url}` });
    expect(await callsTo(manualOnly)).toHaveLength(0);

    const fbPost = view.posts.find((p) => p.network === "facebook")!;
    expect(fbPost.url).toMatch(new RegExp(`^https://www\\.facebook\\.com/${fb.target}/posts/\\d+$`));
    expect(view.posts.find((p) => p.network === "linkedin")!.url).toMatch(/^https:\/\/www\.linkedin\.com\/feed\/update\/urn:li:share:\d+\/$/);
    expect(view.posts.find((p) => p.network === "x")!.url).toMatch(/^https:\/\/x\.com\/i\/web\/status\/\d+$/);

    // The same message delivered again (twice, as a redelivery would): nothing is posted twice.
    for (const attempts of [2, 3]) expect((await deliver(id, attempts)).explicitAcks).toHaveLength(1);
    expect(await callsTo(fb)).toHaveLength(1);
    expect(await callsTo(li)).toHaveLength(1);
    expect(await callsTo(x)).toHaveLength(1);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM social_posts WHERE campaign_id = ?").bind(id).first<number>("n");
    expect(rows).toBe(3);

    // The settings page shows each account's latest post.
    const list = (await (await api("/social-accounts", { key })).json()) as { accounts: { id: string; lastPost: { campaignId: string; status: string } | null }[] };
    expect(list.accounts.find((a) => a.id === li.id)!.lastPost).toMatchObject({ campaignId: id, status: "posted" });
    expect(list.accounts.find((a) => a.id === manualOnly.id)!.lastPost).toBeNull();
  });

  it("retries a 500 with the queue's backoff and then posts; an expired token fails with the network's message", async () => {
    const s = await seedAccount();
    await enableArchive(s);
    const li = await connect(s, "linkedin");
    const x = await connect(s, "x");
    const id = await sentCampaign(s);
    await failNext(li, "500-once");
    await failNext(x, "401");

    const first = await deliver(id);
    expect(first.explicitAcks).toHaveLength(0);
    expect(first.retryMessages).toHaveLength(1);
    let v = await postsOf(s, id);
    expect(v.posts.find((p) => p.network === "linkedin")).toMatchObject({ status: "pending", attempts: 1, error: "HTTP 500: Internal Server Error" });
    expect(v.posts.find((p) => p.network === "x")).toMatchObject({ status: "failed", attempts: 1, error: "HTTP 401: Unauthorized", url: null });

    const second = await deliver(id, 2);
    expect(second.explicitAcks).toHaveLength(1);
    v = await postsOf(s, id);
    expect(v.posts.find((p) => p.network === "linkedin")).toMatchObject({ status: "posted", attempts: 2, error: null });
    expect((await callsTo(li)).map((c) => c.status)).toEqual([500, 201]);
    expect((await callsTo(x)).map((c) => c.status)).toEqual([401]);

    const list = (await (await api("/social-accounts", { key: s.users.owner.key })).json()) as { accounts: { id: string; lastPost: { status: string; error: string | null } | null }[] };
    expect(list.accounts.find((a) => a.id === x.id)!.lastPost).toMatchObject({ status: "failed", error: "HTTP 401: Unauthorized" });
  });

  it("two copies of the message at the same time post once: the row is claimed before the call", async () => {
    const s = await seedAccount();
    await enableArchive(s);
    const fb = await connect(s, "facebook");
    const li = await connect(s, "linkedin");
    const id = await sentCampaign(s);
    const results = await Promise.all([deliver(id), deliver(id, 2), deliver(id, 3)]);
    expect(results.every((r) => r.explicitAcks.length === 1)).toBe(true);
    expect(await callsTo(fb)).toHaveLength(1);
    expect(await callsTo(li)).toHaveLength(1);
    expect((await postsOf(s, id)).posts.map((p) => [p.status, p.attempts])).toEqual([["posted", 1], ["posted", 1]]);
  });

  it("gives up after three attempts that got 5xx", async () => {
    const s = await seedAccount();
    await enableArchive(s);
    const fb = await connect(s, "facebook");
    const id = await sentCampaign(s);
    for (const attempts of [1, 2, 3]) {
      await failNext(fb, "500-once");
      const r = await deliver(id, attempts);
      expect(r.retryMessages).toHaveLength(attempts < 3 ? 1 : 0);
    }
    const v = await postsOf(s, id);
    expect(v.posts).toEqual([expect.objectContaining({ status: "failed", attempts: 3, error: "HTTP 500: An unknown error has occurred." })]);
    expect(posted(await callsTo(fb))).toHaveLength(0);
  });

  it("without a public archive, the post fails saying so (a recipient's web version is never posted)", async () => {
    const s = await seedAccount();
    const x = await connect(s, "x");
    const id = await sentCampaign(s);
    expect((await deliver(id)).explicitAcks).toHaveLength(1);
    const v = await postsOf(s, id);
    expect(v.publicUrl).toBeNull();
    expect(v.posts).toEqual([expect.objectContaining({ status: "failed", error: "No public page for this campaign: turn on the public archive" })]);
    expect(await callsTo(x)).toHaveLength(0);
  });
});

describe("manual publish", () => {
  it("posts a sent campaign now to the chosen accounts, tries failed ones again and never posts twice", async () => {
    const s = await seedAccount();
    const slug = await enableArchive(s);
    const fb = await connect(s, "facebook", false);
    const x = await connect(s, "x", false);
    const id = await sentCampaign(s, "Becas 2027: postula hasta el viernes");
    await failNext(x, "401");

    const res = await api(`/campaigns/${id}/social`, { key: s.users.admin.key, body: {} });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { posts: { network: string; status: string; error: string | null }[]; publicUrl: string };
    expect(out.publicUrl).toBe(`${BASE}/archivo/${slug}/${id}`);
    expect(out.posts.find((p) => p.network === "facebook")).toMatchObject({ status: "posted" });
    expect(out.posts.find((p) => p.network === "x")).toMatchObject({ status: "failed", error: "HTTP 401: Unauthorized" });
    expect((await callsTo(fb))[0]!.body).toMatchObject({ message: "Becas 2027: postula hasta el viernes" });

    // A new token fixed the account: publishing again posts the failed one, not the posted one.
    await failNext(x, null);
    const again = await api(`/campaigns/${id}/social`, { key: s.users.owner.key, body: { accounts: [x.id, fb.id] } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { posts: { status: string }[] }).posts.map((p) => p.status)).toEqual(["posted", "posted"]);
    expect(posted(await callsTo(fb))).toHaveLength(1);
    expect(posted(await callsTo(x))).toHaveLength(1);
  });

  it("refuses an unsent campaign, an unknown campaign or account, an SMS campaign, and a campaign without a public page", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    const fb = await connect(s, "facebook", false);
    const noArchive = await sentCampaign(s);
    let res = await api(`/campaigns/${noArchive}/social`, { key, body: {} });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ field: "archive" });

    await enableArchive(s);
    const draft = await sentCampaign(s, "Aviso", "draft");
    res = await api(`/campaigns/${draft}/social`, { key, body: {} });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ field: "status" });

    res = await api("/campaigns/cmp_nope/social", { key, body: {} });
    expect(res.status).toBe(404);
    expect((await api("/campaigns/cmp_nope/social", { key })).status).toBe(404);

    const sent = await sentCampaign(s);
    res = await api(`/campaigns/${sent}/social`, { key, body: { accounts: ["sa_unknown"] } });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ field: "accounts" });
    res = await api(`/campaigns/${sent}/social`, { key, body: { accounts: [] } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe("accounts");

    await env.DB.prepare("UPDATE campaigns SET channel = 'sms' WHERE id = ?").bind(sent).run();
    res = await api(`/campaigns/${sent}/social`, { key, body: {} });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe("channel");

    const other = await seedAccount();
    expect((await api(`/campaigns/${sent}/social`, { key: other.users.owner.key, body: {} })).status).toBe(404);
    expect(await callsTo(fb)).toHaveLength(0);
  });
});
