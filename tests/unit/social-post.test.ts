// Social publishing (W6), the pure parts: the public subject, the per-network length rules of a
// post, LinkedIn's escaping, target checks, the HTTP requests each network gets and how their
// answers are read (posted, refused for good, worth retrying).
import { describe, expect, it } from "vitest";
import { buildPost, escapeLittleText, publicSubject, truncate, xLength } from "../../shared/social/post";
import { LIMITS, targetProblem, tokenHint } from "../../shared/social/networks";
import { LINKEDIN_VERSION, readAnswer, socialRequest } from "../../shared/social/calls";
import { CreateSocialAccountBody } from "../../shared/api/schemas-social";

const URL_ = "https://pregon.example/archivo/muni-lima/cmp_0123456789abcdef0123456789";

describe("publicSubject", () => {
  it.each([
    ["Convocatoria abierta, {{nombre}}", "Convocatoria abierta"],
    ["{{nombre}}: su registro vence pronto", "su registro vence pronto"],
    ["Hola {{ nombre | capitalize }}, novedades de {{{empresa}}}", "Hola, novedades de"],
    ["  Becas   2027  ", "Becas 2027"],
    ["Aviso importante", "Aviso importante"],
  ])("%j → %j", (input, out) => expect(publicSubject(input)).toBe(out));
});

describe("truncate", () => {
  it("keeps short text and cuts long text with an ellipsis within the limit", () => {
    expect(truncate("Aviso", 5)).toBe("Aviso");
    expect(truncate("Convocatoria abierta", 10)).toBe("Convocato…");
    expect([...truncate("ñ".repeat(300), 256)].length).toBe(256);
  });
});

describe("buildPost", () => {
  it("X: subject and link within 280 characters, the link counted as 23", () => {
    const long = "Convocatoria pública para proveedores del Estado ".repeat(10);
    const post = buildPost("x", long, URL_);
    if (post.network !== "x") throw new Error("network");
    expect(post.text.endsWith(` ${URL_}`)).toBe(true);
    expect(xLength(post.text)).toBe(LIMITS.x);
    expect(post.text).toContain("…");
    const short = buildPost("x", "Becas 2027, {{nombre}}", URL_);
    expect(short).toEqual({ network: "x", text: `Becas 2027 ${URL_}` });
    expect(xLength(`Becas 2027 ${URL_}`)).toBe(11 + 23);
  });

  it("LinkedIn: commentary escaped and at most 3,000 characters, the link as an article titled by the subject", () => {
    const post = buildPost("linkedin", "Becas (2027) #educación @minedu", URL_);
    expect(post).toEqual({ network: "linkedin", commentary: "Becas \\(2027\\) \\#educación \\@minedu", title: "Becas (2027) #educación @minedu", link: URL_ });
    const long = buildPost("linkedin", "a".repeat(5000), URL_);
    if (long.network !== "linkedin") throw new Error("network");
    expect([...long.commentary].length).toBe(LIMITS.linkedin);
  });

  it("Facebook: the subject as the message, the link apart", () => {
    expect(buildPost("facebook", "Aviso {{nombre}}", URL_)).toEqual({ network: "facebook", message: "Aviso", link: URL_ });
  });

  it("a subject made only of merge fields still says something", () => {
    expect(buildPost("facebook", "{{nombre}}", URL_)).toEqual({ network: "facebook", message: "Novedades", link: URL_ });
  });
});

describe("escapeLittleText", () => {
  it("escapes every reserved character", () => expect(escapeLittleText("\\|{}@[]()<>#*_~")).toBe("\\\\\\|\\{\\}\\@\\[\\]\\(\\)\\<\\>\\#\\*\\_\\~"));
});

describe("targets and tokens", () => {
  it.each([
    ["facebook", "104857392011", null],
    ["facebook", "mi-pagina", "must be a Facebook Page id (digits only)"],
    ["linkedin", "urn:li:organization:2414183", null],
    ["linkedin", "2414183", "must be a LinkedIn organisation URN (urn:li:organization:<digits>)"],
    ["linkedin", "urn:li:person:abc", "must be a LinkedIn organisation URN (urn:li:organization:<digits>)"],
    ["x", "1467726470533754880", null],
    ["x", "@munilima", "must be an X user id (digits only)"],
  ] as const)("%s %j", (network, target, problem) => expect(targetProblem(network, target)).toBe(problem));

  it("the create body names the field at fault", () => {
    const bad = (body: unknown) => CreateSocialAccountBody.safeParse(body).error?.issues[0];
    expect(bad({ network: "x", name: "X", target: "@muni", token: "t" })?.path).toEqual(["target"]);
    expect(bad({ network: "myspace", name: "M", target: "1", token: "t" })?.path).toEqual(["network"]);
    expect(bad({ network: "x", name: "X", target: "123", token: "  " })?.path).toEqual(["token"]);
    expect(CreateSocialAccountBody.safeParse({ network: "x", name: "X", target: "123", token: "t" }).success).toBe(true);
  });

  it("a token hint shows the last four characters only", () => expect(tokenHint("EAAGm0PX4ZCpsBA1234")).toBe("…1234"));
});

describe("socialRequest", () => {
  it("Facebook: form POST to /{page-id}/feed with message, link and access_token", () => {
    const r = socialRequest({ network: "facebook", message: "Aviso", link: URL_ }, "104857392011", "fb-token", "https://graph.facebook.com/v21.0/");
    expect(r.url).toBe("https://graph.facebook.com/v21.0/104857392011/feed");
    expect(r.headers["Content-Type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(r.body))).toEqual({ message: "Aviso", link: URL_, access_token: "fb-token" });
  });

  it("LinkedIn: JSON to /rest/posts with Bearer, the version header, the organisation as author and the article", () => {
    const r = socialRequest({ network: "linkedin", commentary: "Aviso", title: "Aviso", link: URL_ }, "urn:li:organization:2414183", "li-token", "https://api.linkedin.com");
    expect(r.url).toBe("https://api.linkedin.com/rest/posts");
    expect(r.headers).toMatchObject({ Authorization: "Bearer li-token", "LinkedIn-Version": LINKEDIN_VERSION, "X-Restli-Protocol-Version": "2.0.0" });
    expect(JSON.parse(r.body)).toMatchObject({ author: "urn:li:organization:2414183", commentary: "Aviso", visibility: "PUBLIC", lifecycleState: "PUBLISHED", content: { article: { source: URL_, title: "Aviso" } } });
  });

  it("X: JSON {text} to /2/tweets with Bearer", () => {
    const r = socialRequest({ network: "x", text: `Aviso ${URL_}` }, "1467726470533754880", "x-token", "https://api.x.com");
    expect(r.url).toBe("https://api.x.com/2/tweets");
    expect(r.headers.Authorization).toBe("Bearer x-token");
    expect(JSON.parse(r.body)).toEqual({ text: `Aviso ${URL_}` });
  });
});

describe("readAnswer", () => {
  it("posted: the id and the post's address on each network", () => {
    expect(readAnswer("facebook", 200, '{"id":"104857392011_99887766"}', null)).toEqual({ kind: "posted", remoteId: "104857392011_99887766", url: "https://www.facebook.com/104857392011/posts/99887766" });
    expect(readAnswer("linkedin", 201, "", "urn:li:share:7001")).toEqual({ kind: "posted", remoteId: "urn:li:share:7001", url: "https://www.linkedin.com/feed/update/urn:li:share:7001/" });
    expect(readAnswer("x", 201, '{"data":{"id":"1799","text":"Aviso"}}', null)).toEqual({ kind: "posted", remoteId: "1799", url: "https://x.com/i/web/status/1799" });
  });

  it("4xx: failed for good with the network's own message", () => {
    expect(readAnswer("facebook", 400, '{"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190}}', null)).toEqual({ kind: "failed", error: "HTTP 400: Error validating access token: Session has expired" });
    expect(readAnswer("linkedin", 401, '{"status":401,"code":"REVOKED_ACCESS_TOKEN","message":"The token used in the request has been revoked by the user"}', null)).toEqual({ kind: "failed", error: "HTTP 401: The token used in the request has been revoked by the user" });
    expect(readAnswer("x", 403, '{"title":"Forbidden","detail":"You are not allowed to create a Tweet with duplicate content."}', null)).toEqual({ kind: "failed", error: "HTTP 403: You are not allowed to create a Tweet with duplicate content." });
    expect(readAnswer("x", 401, "not json", null)).toEqual({ kind: "failed", error: "HTTP 401" });
  });

  it("5xx and 429: worth retrying", () => {
    expect(readAnswer("x", 503, "", null)).toEqual({ kind: "retry", error: "HTTP 503" });
    expect(readAnswer("linkedin", 429, '{"message":"Resource level throttle limit"}', null)).toEqual({ kind: "retry", error: "HTTP 429: Resource level throttle limit" });
  });
});
