/**
 * The local-disk driver, the default on a fresh machine. Files live under the storage directory by
 * key; the app serves and receives them at `/api/v1/files/<key>` with signed, expiring URLs:
 *
 *   GET `?expires=<unix seconds>&sig=<sig>` (plus `&name=<download name>` when one was asked for)
 *   PUT `?expires=<unix seconds>&maxBytes=<cap>&sig=<sig>`, with the signed Content-Type header
 *
 *   PUT `?uploadId=<multipart id>&partNumber=<n>&expires=…&maxBytes=<part size>&sig=…`: a part of a
 *   multipart upload, kept in `.multipart/<id>/` until completion concatenates the parts into the key
 *
 * `sig` is a base64url HMAC-SHA256 with STORAGE_SIGNING_SECRET over the method, key, expiry and the
 * upload's content type and cap (or the download name), so no part of a URL can be changed.
 * The disk keeps no metadata: a file's content type follows from its key's extension.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import {
  type FileHandle,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile as writeText,
} from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError, isAppError } from "../errors/index.ts";
import { type LocalStorageConfig, storageConfig } from "./config.ts";
import { assertPartsReceived, partError } from "./multipart.ts";
import { assertStorageKey, isStorageKey } from "./naming.ts";
import { assertUploadSize, ByteCounter } from "./size-limits.ts";
import type { Storage, UploadedPart } from "./types.ts";

const LOCAL_FILES_PATH = "/api/v1/files/";

// Temporary files sit inside the storage directory, so the final rename never crosses filesystems
// (and stays atomic); no key can reach them since key segments never start with a dot.
const TEMP_DIR = ".tmp";
// The parts of unfinished multipart uploads, one folder per upload; as hidden from keys as TEMP_DIR.
const MULTIPART_DIR = ".multipart";
const MULTIPART_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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

    async put(key, body, options) {
      const target = filePath(config.dir, key);
      const { size } = await writeFile(config.dir, target, body, { expectedBytes: options.contentLength });
      return { key, size };
    },

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

    async readHead(key, bytes) {
      const handle = await open(filePath(config.dir, key), "r");
      try {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },

    async createMultipart(key) {
      assertStorageKey(key);
      const multipartId = randomUUID();
      await mkdir(partsDir(config.dir, multipartId), { recursive: true });
      return { multipartId };
    },

    async presignPart(key, multipartId, partNumber, { contentLength, expiresInSeconds }) {
      assertStorageKey(key);
      const expires = expiryFrom(expiresInSeconds);
      const part = `${multipartId}/${partNumber}`;
      const sig = sign(config.signingSecret, { method: "PUT", key, expires, maxBytes: contentLength, part });
      const query = { uploadId: multipartId, partNumber: String(partNumber), expires: String(expires) };
      return {
        url: fileUrl(key, { ...query, maxBytes: String(contentLength), sig }),
        method: "PUT",
        headers: {},
        expiresAt: new Date(expires * 1000),
      };
    },

    listParts: (_key, multipartId) => listLocalParts(config.dir, multipartId),

    async completeMultipart(key, multipartId, parts) {
      const target = filePath(config.dir, key);
      const received = assertPartsReceived(parts, await listLocalParts(config.dir, multipartId));
      const dir = partsDir(config.dir, multipartId);
      const { size } = await writeFile(
        config.dir,
        target,
        concatenated(received.map((p) => path.join(dir, String(p.partNumber)))),
        {},
      );
      await rm(dir, { recursive: true, force: true });
      return { size };
    },

    async abortMultipart(_key, multipartId) {
      await rm(partsDir(config.dir, multipartId), { recursive: true, force: true });
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
  /** PUT of a multipart part: `<uploadId>/<partNumber>` from the query. */
  part?: string;
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
export async function writeLocalUpload(
  key: string,
  body: Readable,
  { maxBytes }: { maxBytes: number },
): Promise<{ key: string; size: number }> {
  const { dir } = configuredLocal();
  const { size } = await writeFile(dir, filePath(dir, key), body, { maxBytes });
  return { key, size };
}

/**
 * Stores one part of a multipart upload (the body of a signed part URL): exactly `bytes` long, or
 * refused. Answers the part's ETag, the MD5 of its bytes as S3 gives it. A part sent again replaces
 * the first one. NOT_FOUND when the upload was completed or aborted.
 */
/** Where the local driver keeps a key's file: tools like ffprobe read it there, not over HTTP. */
export function localFilePath(key: string): string {
  return filePath(configuredLocal().dir, key);
}

export async function writeLocalPart(
  multipartId: string,
  partNumber: number,
  body: Readable,
  { bytes }: { bytes: number },
): Promise<{ etag: string; size: number }> {
  const dir = configuredLocal().dir;
  const folder = partsDir(dir, multipartId);
  if (!(await stat(folder).catch(() => null))?.isDirectory()) {
    body.destroy();
    throw new AppError("NOT_FOUND", { message: "No such upload in progress." });
  }
  const target = path.join(folder, String(partNumber));
  const { size, md5 } = await writeFile(dir, target, body, { maxBytes: bytes, expectedBytes: bytes }).catch(
    (error: unknown) => {
      // A short body is the client's mistake (a dropped connection, a wrong slice), not ours.
      if (isAppError(error) && error.errorName === "STORAGE_UPLOAD_FAILED" && error.details) {
        throw partError("body", "wrong_part_size", `This part must be exactly ${bytes} bytes.`);
      }
      throw error;
    },
  );
  // The ETag is written after the part, so a listed part always has its whole bytes in place.
  await writeText(`${target}.etag.tmp`, md5);
  await rename(`${target}.etag.tmp`, `${target}.etag`);
  return { etag: md5, size };
}

async function listLocalParts(dir: string, multipartId: string): Promise<UploadedPart[]> {
  const folder = partsDir(dir, multipartId);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (isMissing(error)) throw new AppError("NOT_FOUND", { message: "No such upload in progress." });
    throw error;
  }
  const numbers = names.flatMap((n) => (/^\d{1,5}\.etag$/.test(n) ? [Number.parseInt(n, 10)] : []));
  const parts = await Promise.all(
    numbers.map(async (partNumber) => {
      const file = path.join(folder, String(partNumber));
      const [etag, stats] = await Promise.all([readFile(`${file}.etag`, "utf8"), stat(file)]);
      return { partNumber, etag, size: stats.size };
    }),
  );
  return parts.sort((a, b) => a.partNumber - b.partNumber);
}

/** The files one after the other as one stream, each read in small chunks: memory stays flat. */
function concatenated(paths: string[]): Readable {
  return Readable.from(
    (async function* () {
      for (const file of paths) yield* createReadStream(file);
    })(),
  );
}

function partsDir(dir: string, multipartId: string): string {
  if (!MULTIPART_ID.test(multipartId)) throw partError("uploadId", "invalid", "Invalid multipart upload id.");
  return path.join(dir, MULTIPART_DIR, multipartId);
}

/**
 * Streams `body` to a temporary file, then renames it into place: readers see the old file or the
 * whole new one, never a partial write, and a failed write leaves nothing behind.
 */
async function writeFile(
  dir: string,
  target: string,
  body: Readable,
  limits: { maxBytes?: number; expectedBytes?: number },
): Promise<{ size: number; md5: string }> {
  const temp = path.join(dir, TEMP_DIR, randomUUID());
  const counter = new ByteCounter(limits);
  const hash = createHash("md5");
  counter.on("data", (chunk: Buffer) => hash.update(chunk));
  try {
    await mkdir(path.dirname(temp), { recursive: true });
    // `flush` syncs the data before close, so a crash after the rename can't leave an empty file.
    await pipeline(body, counter, createWriteStream(temp, { flags: "wx", flush: true }));
    await mkdir(path.dirname(target), { recursive: true });
    await rename(temp, target);
    return { size: counter.bytes, md5: hash.digest("hex") };
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
    part?: string;
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
    fields.part ?? null,
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
