/**
 * A multipart/form-data upload streamed from disk: the part's head, the file read in 1 MB
 * chunks, and the closing boundary, with an exact Content-Length. Nothing is buffered whole,
 * whatever the file's size.
 */
import { createReadStream, statSync } from "node:fs";
import { request } from "node:http";
import { randomBytes } from "node:crypto";
import { basename } from "node:path";
import { pipeline } from "node:stream/promises";

/**
 * POST `file` as the multipart field `field` (plus small text `fields`) to `url`.
 * Resolves to `{ status, body }` (body parsed as JSON when it is JSON).
 */
export async function uploadFile(url, file, { field = "file", fields = {}, headers = {}, contentType = "text/csv" } = {}) {
  const boundary = `----pregon-bench-${randomBytes(12).toString("hex")}`;
  let head = "";
  for (const [name, value] of Object.entries(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  }
  head += `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${basename(file)}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const length = Buffer.byteLength(head) + statSync(file).size + Buffer.byteLength(tail);
  const u = new URL(url);
  const req = request({
    host: u.hostname,
    port: u.port,
    path: u.pathname + u.search,
    method: "POST",
    headers: { ...headers, "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": String(length) },
  });
  const response = new Promise((resolve, reject) => {
    req.on("response", (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode, body });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
  });
  async function* parts() {
    yield Buffer.from(head);
    yield* createReadStream(file, { highWaterMark: 1 << 20 });
    yield Buffer.from(tail);
  }
  // An early answer (e.g. 401, 413) may close the request while it is still being written.
  const sent = pipeline(parts, req).catch((err) => err);
  const res = await response;
  const err = await sent;
  if (err instanceof Error && res.status < 400) throw err;
  return res;
}
