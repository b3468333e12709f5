/**
 * A streaming multipart/form-data reader for uploads too large to buffer (Workers have 128 MB):
 * small text fields are collected, and the one file part is handed to a sink chunk by chunk as
 * it arrives. Request.formData() would hold the whole file in memory; this never holds more
 * than one network chunk plus a boundary's length.
 */

export type FilePart = { field: string; filename: string; contentType: string | null };
export interface ByteSink {
  write(bytes: Uint8Array): Promise<void>;
}
export type MultipartResult = { fields: Record<string, string>; file: (FilePart & { size: number }) | null };

export class MultipartError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
  }
}

const MAX_FIELD = 64 * 1024;
const MAX_HEADERS = 16 * 1024;
const enc = new TextEncoder();
const dec = new TextDecoder();

export function boundaryOf(contentType: string | null | undefined): string | null {
  const m = /^multipart\/form-data\s*;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  for (let i = hay.indexOf(first, from); i !== -1 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function parseHeaders(text: string): { name: string; filename: string | null; contentType: string | null } {
  let name: string | null = null;
  let filename: string | null = null;
  let contentType: string | null = null;
  for (const line of text.split("\r\n")) {
    const [key, ...rest] = line.split(":");
    const value = rest.join(":").trim();
    if (key?.toLowerCase() === "content-disposition") {
      name = /\bname="([^"]*)"/i.exec(value)?.[1] ?? null;
      filename = /\bfilename="([^"]*)"/i.exec(value)?.[1] ?? null;
    } else if (key?.toLowerCase() === "content-type") contentType = value;
  }
  if (name === null) throw new MultipartError("A multipart part has no name");
  return { name, filename, contentType };
}

/**
 * Read `body`; the part named `fileField` streams into `openSink(part)`'s sink, up to `maxFileBytes`.
 * @example await readMultipart(req.body, boundary, "file", 200e6, async () => r2Sink)
 */
export async function readMultipart(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  fileField: string,
  maxFileBytes: number,
  openSink: (part: FilePart) => Promise<ByteSink>,
): Promise<MultipartResult> {
  const delimiter = enc.encode(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  let file: MultipartResult["file"] = null;
  // A virtual CRLF lets the first boundary match like every later one.
  let buf: Uint8Array = enc.encode("\r\n");
  let state: "preamble" | "after" | "headers" | "body" | "done" = "preamble";
  let part: { name: string; filename: string | null; contentType: string | null } | null = null;
  let sink: ByteSink | null = null;
  let text: Uint8Array[] = [];
  let textSize = 0;
  let fileSize = 0;

  const emit = async (bytes: Uint8Array) => {
    if (bytes.length === 0) return;
    if (sink) {
      fileSize += bytes.length;
      if (fileSize > maxFileBytes) throw new MultipartError(`The file is larger than ${Math.floor(maxFileBytes / 1e6)} MB`, 413);
      await sink.write(bytes);
    } else {
      textSize += bytes.length;
      if (textSize > MAX_FIELD) throw new MultipartError(`Field "${part?.name}" is too long`, 413);
      text.push(bytes.slice());
    }
  };
  const closePart = () => {
    if (!part) return;
    if (sink) file = { field: part.name, filename: part.filename ?? "upload", contentType: part.contentType, size: fileSize };
    else fields[part.name] = dec.decode(text.reduce(concat, new Uint8Array(0)));
    part = null;
    sink = null;
    text = [];
    textSize = 0;
  };

  const step = async (final: boolean): Promise<boolean> => {
    if (state === "preamble" || state === "body") {
      const at = indexOfBytes(buf, delimiter, 0);
      if (at === -1) {
        const keep = final ? 0 : delimiter.length - 1;
        if (state === "body") await emit(buf.subarray(0, Math.max(0, buf.length - keep)));
        buf = buf.slice(Math.max(0, buf.length - keep));
        return false;
      }
      if (state === "body") await emit(buf.subarray(0, at));
      closePart();
      buf = buf.slice(at + delimiter.length);
      state = "after";
      return true;
    }
    if (state === "after") {
      if (buf.length < 2) return false;
      if (buf[0] === 0x2d && buf[1] === 0x2d) {
        state = "done";
        return false;
      }
      const eol = indexOfBytes(buf, enc.encode("\r\n"), 0);
      if (eol === -1) return false;
      buf = buf.slice(eol + 2);
      state = "headers";
      return true;
    }
    if (state === "headers") {
      const end = indexOfBytes(buf, enc.encode("\r\n\r\n"), 0);
      if (end === -1) {
        if (buf.length > MAX_HEADERS) throw new MultipartError("Multipart headers are too long");
        return false;
      }
      part = parseHeaders(dec.decode(buf.subarray(0, end)));
      buf = buf.slice(end + 4);
      if (part.name === fileField && part.filename !== null) {
        if (file) throw new MultipartError(`Send one file in "${fileField}"`);
        sink = await openSink({ field: part.name, filename: part.filename, contentType: part.contentType });
      }
      state = "body";
      return true;
    }
    return false;
  };

  const reader = body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buf = concat(buf, value);
    while (await step(done)) {
      /* keep consuming complete pieces */
    }
    // `step` moves `state` inside a closure, which narrowing cannot see.
    if ((state as string) === "done") {
      await reader.cancel().catch(() => undefined);
      break;
    }
    if (done) throw new MultipartError("The multipart body ended before its closing boundary");
  }
  return { fields, file };
}
