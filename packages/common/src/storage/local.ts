/**
 * The local-disk driver, the default on a fresh machine. Files live under the storage directory by
 * key; the app serves and receives them at `/api/v1/files/<key>` with signed, expiring URLs:
 *
 *   GET `?expires=<unix seconds>&sig=<sig>` (plus `&name=<download name>` when one was asked for)
 *   PUT `?expires=<unix seconds>&maxBytes=<cap>&sig=<sig>`, with the signed Content-Type header
 *
 * `sig` is a base64url HMAC-SHA256 with STORAGE_SIGNING_SECRET over the method, key, expiry and the
 * upload's content type and cap (or the download name), so no part of a URL can be changed.
 * The disk keeps no metadata: a file's content type follows from its key's extension.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createWriteStream } from "node:fs";
import { type FileHandle, mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError, isAppError } from "../errors/index.ts";
import { type LocalStorageConfig, storageConfig } from "./config.ts";
import { assertStorageKey, isStorageKey } from "./naming.ts";
import { assertUploadSize, ByteCounter } from "./size-limits.ts";
import type { Storage } from "./types.ts";

const LOCAL_FILES_PATH = "/api/v1/files/";

// Temporary files sit inside the storage directory, so the final rename never crosses filesystems
// (and stays atomic); no key can reach them since key segments never start with a dot.
const TEMP_DIR = ".tmp";

const CONTENT_TYPES: Record<string, string> = {
  mp4: "video/mp4",
  webm: "video/webm",
  mov: "video/quicktime",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
};

export function createLocalStorage(config: LocalStorageConfig, { baseUrl }: { baseUrl: string }): Storage {
  const origin = baseUrl.replace(/\/+$/, "");
  const fileUrl = (key: string, query: Record<string, string>) =>
    `${origin}${LOCAL_FILES_PATH}${key}?${new URLSearchParams(query)}`;

  return {
    driver: "local",

    put: (key, body, options) => writeFile(config.dir, key, body, { expectedBytes: options.contentLength }),

    async presignUpload(key, { contentType, maxBytes, expiresInSeconds, contentLength }) {
      assertStorageKey(key);
      assertUploadSize(maxBytes, contentLength);
      // A declared size is the tightest cap this driver can enforce.
      const cap = contentLength ?? maxBytes;
      const expires = expiryFrom(expiresInSeconds);
      const sig = sign(config.signingSecret, { method: "PUT", key, expires, contentType, maxBytes: cap });
      return {
        url: fileUrl(key, { expires: String(expires), maxBytes: String(cap), sig }),
        method: "PUT",
        headers: { "Content-Type": contentType },
        expiresAt: new Date(expires * 1000),
      };
    },

    async presignDownload(key, { expiresInSeconds, downloadName }) {
      assertStorageKey(key);
      const expires = expiryFrom(expiresInSeconds);
      const sig = sign(config.signingSecret, { method: "GET", key, expires, downloadName });
      return fileUrl(key, {
        expires: String(expires),
        ...(downloadName === undefined ? {} : { name: downloadName }),
        sig,
      });
    },

    async head(key) {
      try {
        const stats = await stat(filePath(config.dir, key));
        return stats.isFile() ? { size: stats.size, contentType: contentTypeOf(key) } : null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      await rm(filePath(config.dir, key), { force: true });
    },

    async deletePrefix(prefix) {
      await rm(filePath(config.dir, prefix), { recursive: true, force: true });
    },

    // Every local file goes through the signed route; there is no permanent public address.
    publicUrl: () => null,
  };
}

export interface LocalFileSignatureInput {
  key: string;
  method: "GET" | "PUT";
  /** Unix seconds, as a number or straight from the query string. */
  expires: number | string;
  signature: string;
  /** PUT: the request's Content-Type header. */
  contentType?: string;
  /** PUT: the `maxBytes` query parameter. */
  maxBytes?: number | string;
  /** GET: the `name` query parameter, when present. */
  downloadName?: string;
}

/**
 * Whether a request to the local files route carries a valid, unexpired signature for exactly this
 * key, method and parameters. Constant-time in the signature. Throws NOT_FOUND when the configured
 * driver isn't local (the route then serves nothing).
 */
export function verifyLocalFileSignature(input: LocalFileSignatureInput, now: number = Date.now()): boolean {
  const { signingSecret } = configuredLocal();
  const expires = toInteger(input.expires);
  const maxBytes = input.maxBytes === undefined ? undefined : toInteger(input.maxBytes);
  if (expires === null || maxBytes === null || !isStorageKey(input.key) || expires * 1000 <= now) return false;
  const expected = Buffer.from(sign(signingSecret, { ...input, expires, maxBytes }));
  const given = Buffer.from(input.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface LocalFile {
  stream: Readable;
  /** The whole file's size, whatever the range. */
  size: number;
  contentType: string;
}

/**
 * Opens a stored file for the files route, or null when there is none. `range` is inclusive at both
 * ends, as in an HTTP Range header already checked against the file's size.
 */
export async function openLocalFile(key: string, range?: { start: number; end: number }): Promise<LocalFile | null> {
  let handle: FileHandle;
  try {
    handle = await open(filePath(configuredLocal().dir, key), "r");
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  // Size and stream come from one open file, so a concurrent replace can't make them disagree.
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      await handle.close();
      return null;
    }
    return { stream: handle.createReadStream(range), size: stats.size, contentType: contentTypeOf(key) };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Stores the body of a signed PUT, failing with PAYLOAD_TOO_LARGE as soon as it passes `maxBytes`. */
export function writeLocalUpload(
  key: string,
  body: Readable,
  { maxBytes }: { maxBytes: number },
): Promise<{ key: string; size: number }> {
  return writeFile(configuredLocal().dir, key, body, { maxBytes });
}

/**
 * Streams `body` to a temporary file, then renames it into place: readers see the old file or the
 * whole new one, never a partial write, and a failed write leaves nothing behind.
 */
async function writeFile(
  dir: string,
  key: string,
  body: Readable,
  limits: { maxBytes?: number; expectedBytes?: number },
): Promise<{ key: string; size: number }> {
  const target = filePath(dir, key);
  const temp = path.join(dir, TEMP_DIR, randomUUID());
  const counter = new ByteCounter(limits);
  try {
    await mkdir(path.dirname(temp), { recursive: true });
    // `flush` syncs the data before close, so a crash after the rename can't leave an empty file.
    await pipeline(body, counter, createWriteStream(temp, { flags: "wx", flush: true }));
    await mkdir(path.dirname(target), { recursive: true });
    await rename(temp, target);
    return { key, size: counter.bytes };
  } catch (error) {
    body.destroy();
    await rm(temp, { force: true });
    throw isAppError(error) ? error : new AppError("STORAGE_UPLOAD_FAILED", { cause: error });
  }
}

function sign(
  secret: string,
  fields: {
    method: "GET" | "PUT";
    key: string;
    expires: number;
    contentType?: string;
    maxBytes?: number;
    downloadName?: string;
  },
): string {
  // A JSON array keeps the fields apart whatever characters they hold.
  const payload = JSON.stringify([
    fields.method,
    fields.key,
    fields.expires,
    fields.contentType ?? null,
    fields.maxBytes ?? null,
    fields.downloadName ?? null,
  ]);
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

function configuredLocal(): LocalStorageConfig {
  const config = storageConfig();
  if (config.driver !== "local") {
    throw new AppError("NOT_FOUND", { message: "Files are not served by the app when STORAGE_DRIVER=s3." });
  }
  return config.local;
}

function filePath(dir: string, key: string): string {
  assertStorageKey(key);
  return path.join(dir, key);
}

function expiryFrom(expiresInSeconds: number): number {
  return Math.floor(Date.now() / 1000) + expiresInSeconds;
}

function toInteger(value: number | string): number | null {
  const n = typeof value === "number" ? value : /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

function contentTypeOf(key: string): string {
  return CONTENT_TYPES[path.extname(key).slice(1).toLowerCase()] ?? "application/octet-stream";
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}
