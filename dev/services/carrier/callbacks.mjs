/**
 * The local carrier's outgoing HTTP calls (DLRs to a dlr-url, MO messages to the MO URL), made
 * like Kannel's smsbox makes them: a GET, the answer's body ignored. At most `concurrency` calls
 * are in flight, so a local campaign of thousands does not flood `wrangler dev`.
 *
 * Until the Worker has its SMS hooks, those calls answer 404, or 200 with the dashboard's HTML
 * (its single-page fallback), or fail while the Worker starts: each kind is logged once per
 * path, quietly, and never stops the carrier.
 */

/**
 * @example const call = createCaller({ log: console.log }); const r = await call("http://127.0.0.1:8787/hooks/sms/local/dlr?s=…");
 *   // r: { status: 200, html: false } or { error: "ECONNREFUSED" }
 */
export function createCaller({ log, concurrency = 8, timeoutMs = 10_000 }) {
  const queue = [];
  const told = new Set();
  let active = 0;

  const tellOnce = (key, line) => {
    if (told.has(key)) return;
    told.add(key);
    log(line);
  };

  async function attempt(url) {
    const path = new URL(url).pathname;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { "User-Agent": "Kannel/1.4.5 (pregon local carrier)" } });
      await res.arrayBuffer();
      // The Worker's dashboard fallback answers unknown paths with its HTML page and a 200.
      const html = res.ok && (res.headers.get("content-type") ?? "").startsWith("text/html");
      if (res.status === 404) tellOnce(`404 ${path}`, `GET ${path} answered 404 (the Worker has no SMS hooks yet?); further 404s there are not shown`);
      else if (res.status >= 400) tellOnce(`${res.status} ${path}`, `GET ${path} answered ${res.status}; further ${res.status}s there are not shown`);
      else if (html) tellOnce(`html ${path}`, `GET ${path} answered with an HTML page, not a hook (the Worker has no SMS hooks yet?); not shown again`);
      return { status: res.status, html };
    } catch (err) {
      const error = String(err?.cause?.code ?? err?.name ?? err?.message ?? err);
      tellOnce(`${error} ${path}`, `GET ${path} failed (${error}); further such failures there are not shown`);
      return { error };
    }
  }

  function pump() {
    while (active < concurrency && queue.length) {
      const { url, resolve } = queue.shift();
      active++;
      attempt(url).then((r) => {
        active--;
        resolve(r);
        pump();
      });
    }
  }

  return (url) =>
    new Promise((resolve) => {
      queue.push({ url, resolve });
      pump();
    });
}
