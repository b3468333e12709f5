/**
 * Security headers: the dashboard's web/public/_headers says exactly what
 * shared/security/headers.ts says, and the Worker's choice of headers per path (no-store on the
 * API, a page CSP unless the handler set one, forms framable only with ?embed=1, /embed/* left
 * framable). Plus the XSS rule of the dashboard's source: template HTML only in sandboxed iframes
 * that never combine allow-scripts with allow-same-origin, and no raw-HTML sinks.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { baseHeaders, DASHBOARD_CSP, pageCsp, workerHeaders } from "../../shared/security/headers";

const root = join(import.meta.dirname, "../../");

/** The `_headers` rules as path → header → value. */
function parseHeaders(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let path = "";
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    if (!/^\s/.test(line)) {
      path = line.trim();
      out[path] = {};
      continue;
    }
    const i = line.indexOf(":");
    out[path]![line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

describe("web/public/_headers", () => {
  const rules = parseHeaders(readFileSync(join(root, "web/public/_headers"), "utf8"));

  it("gives every dashboard file the CSP and the base headers of shared/security/headers.ts, nothing else", () => {
    expect(Object.keys(rules)).toEqual(["/*"]);
    expect(rules["/*"]).toEqual({ "Content-Security-Policy": DASHBOARD_CSP, ...baseHeaders });
  });

  it("has a CSP that allows no inline or remote script and no framing of the dashboard", () => {
    const csp = Object.fromEntries(DASHBOARD_CSP.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    expect(csp["script-src"]).toEqual(["'self'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["img-src"]).toContain("https:"); // remote images of template previews (srcdoc inherits this CSP)
    expect(baseHeaders["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  });
});

describe("workerHeaders", () => {
  const json = { contentType: "application/json", csp: false, cacheControl: false };
  const html = { contentType: "text/html; charset=UTF-8", csp: false, cacheControl: false };

  it("marks API answers no-store and nosniff, and keeps a Cache-Control the handler set", () => {
    expect(workerHeaders("/api/v1/me", "", json)).toEqual({ ...baseHeaders, "Cache-Control": "no-store" });
    expect(workerHeaders("/api/v1/exports/x", "", { ...json, cacheControl: true })["Cache-Control"]).toBeUndefined();
  });

  it("gives the Worker's pages a CSP that forbids framing, except a form with ?embed=1", () => {
    expect(workerHeaders("/guia", "", html)["Content-Security-Policy"]).toBe(pageCsp(false));
    expect(pageCsp(false)).toContain("frame-ancestors 'none'");
    expect(workerHeaders("/f/abc", "", html)["Content-Security-Policy"]).toBe(pageCsp(false));
    expect(workerHeaders("/f/abc", "?embed=1", html)["Content-Security-Policy"]).toBe(pageCsp(true));
    expect(pageCsp(true)).toContain("frame-ancestors *");
    expect(workerHeaders("/u/tok", "?embed=1", html)["Content-Security-Policy"]).toBe(pageCsp(false));
    expect(pageCsp(false)).toContain("default-src 'none'");
  });

  it("leaves a handler's own CSP and the /embed/* widget alone", () => {
    expect(workerHeaders("/archivo/muni", "", { ...html, csp: true })["Content-Security-Policy"]).toBeUndefined();
    expect(workerHeaders("/embed/muni", "", html)["Content-Security-Policy"]).toBeUndefined();
    expect(workerHeaders("/embed/muni", "", html)["X-Content-Type-Options"]).toBe("nosniff");
  });
});

/** Every .tsx/.ts file under web/src. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("the dashboard's iframes and HTML sinks (stored XSS)", () => {
  const files = sources(join(root, "web/src")).map((path) => ({ path: path.slice(root.length), text: readFileSync(path, "utf8") }));
  /** JSX `<iframe …>` elements (not the `<iframe …>` strings users copy into their own sites). */
  const iframes = files.flatMap((f) => [...f.text.matchAll(/(?<![`"'])<iframe\b([\s\S]*?)\/>/g)].map((m) => ({ path: f.path, attrs: m[1]! })));

  it("finds the device previews and the archive previews", () => {
    expect(iframes.map((i) => i.path).sort()).toEqual(["web/src/components/ArchiveEmbeds.tsx", "web/src/components/ArchiveEmbeds.tsx", "web/src/components/DevicePreviews.tsx"]);
  });

  it("sandboxes every iframe and never with allow-scripts and allow-same-origin together", () => {
    for (const { path, attrs } of iframes) {
      const m = /\bsandbox="([^"]*)"/.exec(attrs);
      expect(m, `${path}: iframe without sandbox`).not.toBeNull();
      const flags = m![1]!.split(/\s+/);
      expect(flags.includes("allow-scripts") && flags.includes("allow-same-origin"), `${path}: ${m![1]}`).toBe(false);
    }
  });

  it("renders template HTML (srcdoc) only in an iframe with an empty sandbox", () => {
    const srcdoc = iframes.filter((i) => i.attrs.includes("srcdoc"));
    expect(srcdoc.length).toBe(1);
    expect(srcdoc[0]!.attrs).toMatch(/\bsandbox=""/);
  });

  it("has no raw-HTML sink (innerHTML, outerHTML, insertAdjacentHTML, document.write)", () => {
    const sinks = files.filter((f) => /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b/.test(f.text)).map((f) => f.path);
    expect(sinks).toEqual([]);
  });
});
