/**
 * Streams bytes into an R2 object without holding the file: fixed-size parts of a multipart
 * upload (R2 wants every part but the last of one size, at least 5 MiB), or one `put` when the
 * whole file fits in the first part.
 */
import type { ByteSink } from "./multipart";

export const PART_SIZE = 8 * 1024 * 1024;

export class R2Sink implements ByteSink {
  private buf = new Uint8Array(PART_SIZE);
  private fill = 0;
  private upload: R2MultipartUpload | null = null;
  private parts: R2UploadedPart[] = [];

  constructor(
    private readonly bucket: R2Bucket,
    readonly key: string,
    private readonly contentType: string,
    /** More HTTP metadata stored with the object (e.g. the Content-Disposition of an export). */
    private readonly extra: Omit<R2HTTPMetadata, "contentType"> = {},
  ) {}

  async write(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const n = Math.min(PART_SIZE - this.fill, bytes.length - offset);
      this.buf.set(bytes.subarray(offset, offset + n), this.fill);
      this.fill += n;
      offset += n;
      if (this.fill === PART_SIZE) await this.sendPart();
    }
  }

  private async sendPart(): Promise<void> {
    this.upload ??= await this.bucket.createMultipartUpload(this.key, { httpMetadata: { ...this.extra, contentType: this.contentType } });
    this.parts.push(await this.upload.uploadPart(this.parts.length + 1, this.buf.slice(0, this.fill)));
    this.fill = 0;
  }

  /** Finish the object; returns its size. */
  async close(): Promise<void> {
    if (!this.upload) {
      await this.bucket.put(this.key, this.buf.subarray(0, this.fill), { httpMetadata: { ...this.extra, contentType: this.contentType } });
      return;
    }
    if (this.fill > 0) await this.sendPart();
    await this.upload.complete(this.parts);
  }

  async abort(): Promise<void> {
    if (this.upload) await this.upload.abort().catch(() => undefined);
    else await this.bucket.delete(this.key).catch(() => undefined);
  }
}
