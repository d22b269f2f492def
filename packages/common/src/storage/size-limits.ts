import { Transform, type TransformCallback } from "node:stream";
import { AppError } from "../errors/index.ts";

/**
 * A pass-through that counts bytes and fails the stream — before a driver commits anything — when it
 * passes `maxBytes`, or ends short of or beyond `expectedBytes` (a truncated provider download must
 * not be stored as if complete).
 */
export class ByteCounter extends Transform {
  bytes = 0;

  constructor(private readonly limits: { maxBytes?: number; expectedBytes?: number }) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    const { maxBytes } = this.limits;
    if (maxBytes !== undefined && this.bytes > maxBytes) {
      callback(
        new AppError("PAYLOAD_TOO_LARGE", {
          message: `The body is larger than ${maxBytes} bytes.`,
          details: { maxBytes },
        }),
      );
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const { expectedBytes } = this.limits;
    if (expectedBytes !== undefined && this.bytes !== expectedBytes) {
      callback(
        new AppError("STORAGE_UPLOAD_FAILED", {
          message: `The body had ${this.bytes} bytes where ${expectedBytes} were announced.`,
          details: { bytes: this.bytes, expectedBytes },
        }),
      );
      return;
    }
    callback();
  }
}

/** A declared upload size above the cap fails before any URL is signed. */
export function assertUploadSize(maxBytes: number, contentLength: number | undefined): void {
  if (contentLength !== undefined && contentLength > maxBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", {
      message: `The file is larger than ${maxBytes} bytes.`,
      details: { maxBytes, contentLength },
    });
  }
}
