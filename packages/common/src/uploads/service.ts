import { randomUUID } from "node:crypto";
import { LockNamespace, pool } from "@videofly/db";
import type { z } from "zod";
import { AppError } from "../errors/index.ts";
import { logger } from "../logger.ts";
import { storageKeys, type UploadedPart } from "../storage/index.ts";
import { files } from "../video/files.ts";
import { uploadConfig } from "./config.ts";
import { inspectAssembled } from "./inspect.ts";
import { refuse, tooLarge } from "./refusals.ts";
import {
  type CompleteUploadInput,
  type DeclareUploadInput,
  PART_SIZE,
  type UploadPurpose,
  type uploadSchema,
} from "./schemas.ts";
import type { UploadFacts } from "./usable.ts";

/** A part URL lives as long as the upload may stay unfinished before the cron aborts it. */
export const UPLOAD_TTL_HOURS = 24;
const DEFAULT_EXT: Record<UploadPurpose, string> = { image: "png", video: "mp4", audio: "mp3" };
// The extensions a key may take from the declared name; the bytes still decide what the file is.
const MEDIA_EXTENSIONS = new Set([
  "png",
  "jpg",
  "jpeg",
  "webp",
  "mp4",
  "mov",
  "webm",
  "mp3",
  "wav",
  "m4a",
  "aac",
  "ogg",
  "opus",
  "flac",
]);

interface UploadRow {
  id: string;
  userId: string;
  purpose: "IMAGE" | "VIDEO" | "AUDIO";
  status: "PENDING" | "COMPLETED" | "ABORTED";
  fileName: string;
  size: string;
  key: string;
  partSize: number;
  partCount: number;
  multipartId: string;
  facts: UploadFacts | null;
  createdAt: Date;
  completedAt: Date | null;
}

/** An upload as the API answers it (dates as Dates until the envelope serialises them). */
export type UploadView = Omit<z.output<typeof uploadSchema>, "createdAt" | "completedAt"> & {
  createdAt: Date;
  completedAt: Date | null;
};

/** The extension the key gets: the declared name's when it is a media one, else the purpose's usual. */
function extensionOf(fileName: string, purpose: UploadPurpose): string {
  const ext = /\.([A-Za-z0-9]{1,16})$/.exec(fileName)?.[1]?.toLowerCase();
  return ext && MEDIA_EXTENSIONS.has(ext) ? ext : DEFAULT_EXT[purpose];
}

/**
 * `POST /uploads`: starts a multipart upload under the user's prefix and signs one URL per 5 MB part.
 * The declared size must fit the purpose's limit; every part's length is signed (S3) or capped (local).
 */
export async function declareUpload(userId: string, input: DeclareUploadInput) {
  if (input.size > uploadConfig().maxBytes[input.purpose]) throw tooLarge(input.purpose, input.size);
  const key = storageKeys.upload(userId, randomUUID(), extensionOf(input.fileName, input.purpose));
  const partCount = Math.ceil(input.size / PART_SIZE);
  const storage = files();
  const { multipartId } = await storage.createMultipart(key, { contentType: input.contentType });
  let id: string;
  try {
    const { rows } = await pool().query<{ id: string }>(
      `INSERT INTO upload ("userId", purpose, "fileName", "contentType", size, key, "partSize", "partCount", "multipartId")
       VALUES ($1, $2::"UploadPurpose", $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        userId,
        input.purpose.toUpperCase(),
        input.fileName,
        input.contentType,
        input.size,
        key,
        PART_SIZE,
        partCount,
        multipartId,
      ],
    );
    id = (rows[0] as { id: string }).id;
  } catch (error) {
    await storage.abortMultipart(key, multipartId).catch(() => {});
    throw error;
  }
  const expiresInSeconds = UPLOAD_TTL_HOURS * 3600;
  const parts = await Promise.all(
    Array.from({ length: partCount }, async (_, i) => {
      const signed = await storage.presignPart(key, multipartId, i + 1, {
        contentLength: partLength(input.size, i + 1),
        expiresInSeconds,
      });
      return { partNumber: i + 1, url: signed.url };
    }),
  );
  return { uploadId: id, key, partSize: PART_SIZE, parts, expiresAt: new Date(Date.now() + expiresInSeconds * 1000) };
}

function partLength(size: number, partNumber: number): number {
  return Math.min(PART_SIZE, size - (partNumber - 1) * PART_SIZE);
}

async function findUpload(userId: string, uploadId: string): Promise<UploadRow> {
  const { rows } = await pool().query<UploadRow>(
    `SELECT id, "userId", purpose::text AS purpose, status::text AS status, "fileName", size::text AS size, key,
            "partSize", "partCount", "multipartId", facts, "createdAt", "completedAt"
       FROM upload WHERE id = $1 AND "userId" = $2`,
    [uploadId, userId],
  );
  // Someone else's upload is as unknown as a missing one.
  if (!rows[0]) throw new AppError("NOT_FOUND", { message: "No such upload." });
  return rows[0];
}

function view(row: UploadRow): UploadView {
  return {
    uploadId: row.id,
    status: row.status.toLowerCase() as UploadView["status"],
    purpose: row.purpose.toLowerCase() as UploadPurpose,
    fileName: row.fileName,
    size: Number(row.size),
    key: row.key,
    facts: row.facts,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
  };
}

/** `GET /uploads/{id}`: its status and, once completed, what the file is. */
export async function getUpload(userId: string, uploadId: string): Promise<UploadView> {
  return view(await findUpload(userId, uploadId));
}

/**
 * The client's part list against the declaration: every part from 1 to partCount exactly once.
 * Then the parts storage holds: their total within the limit and each of its due length.
 */
function checkPartList(row: UploadRow, parts: CompleteUploadInput["parts"], received: UploadedPart[]): void {
  const seen = new Set<number>();
  parts.forEach((part, i) => {
    if (part.partNumber > row.partCount || seen.has(part.partNumber)) {
      throw refuse(
        `parts[${i}].partNumber`,
        "unknown_part",
        `Part ${part.partNumber} is not one of this upload's ${row.partCount} parts, or is listed twice.`,
      );
    }
    seen.add(part.partNumber);
  });
  const missing = Array.from({ length: row.partCount }, (_, i) => i + 1).filter((n) => !seen.has(n));
  if (missing.length) {
    throw refuse("parts", "part_missing", `Part ${missing.join(", ")} of ${row.partCount} is missing from the list.`);
  }
  const purpose = row.purpose.toLowerCase() as UploadPurpose;
  const total = received.reduce((sum, p) => sum + p.size, 0);
  if (total > uploadConfig().maxBytes[purpose]) throw tooLarge(purpose, total);
  const size = Number(row.size);
  const sizes = new Map(received.map((p) => [p.partNumber, p.size]));
  parts.forEach((part, i) => {
    const got = sizes.get(part.partNumber);
    if (got !== undefined && got !== partLength(size, part.partNumber)) {
      throw refuse(
        `parts[${i}]`,
        "wrong_part_size",
        `Part ${part.partNumber} has ${got} bytes where ${partLength(size, part.partNumber)} are due.`,
      );
    }
  });
}

/**
 * `POST /uploads/{id}/complete`: checks the part list, assembles the parts, then judges the file
 * by its bytes (and ffprobe). A file that is not of the declared purpose, or not within its limit,
 * is deleted and the upload aborted; a bad part list leaves the upload open to be fixed.
 */
export function completeUpload(userId: string, uploadId: string, input: CompleteUploadInput): Promise<UploadView> {
  return oneAtATime(uploadId, () => assemble(userId, uploadId, input));
}

/**
 * Runs `fn` while this process holds the upload's session advisory lock, so two completes of one
 * upload never assemble at once (the second gets 409 and, retried, the finished upload). A session
 * lock rather than a transaction: assembling is storage work, and no transaction stays open over it.
 */
async function oneAtATime<T>(uploadId: string, fn: () => Promise<T>): Promise<T> {
  const client = await pool().connect();
  const key = [LockNamespace.uploadComplete, uploadId];
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      "SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS ok",
      key,
    );
    if (!rows[0]?.ok) {
      throw new AppError("CONFLICT", {
        message: "This upload is being completed by another request; ask again in a moment.",
        headers: { "retry-after": "2" },
      });
    }
    try {
      return await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1::int, hashtext($2))", key);
    }
  } finally {
    client.release();
  }
}

async function assemble(userId: string, uploadId: string, input: CompleteUploadInput): Promise<UploadView> {
  const row = await findUpload(userId, uploadId);
  if (row.status === "COMPLETED") return view(row);
  if (row.status === "ABORTED") throw new AppError("CONFLICT", { message: "This upload was aborted." });
  const storage = files();
  const sorted = [...input.parts].sort((a, b) => a.partNumber - b.partNumber);
  let received: UploadedPart[];
  try {
    received = await storage.listParts(row.key, row.multipartId);
    checkPartList(row, input.parts, received);
  } catch (error) {
    if (error instanceof AppError && error.errorName === "PAYLOAD_TOO_LARGE") await abandon(row);
    throw error;
  }
  await storage.completeMultipart(row.key, row.multipartId, sorted);
  let facts: UploadFacts;
  try {
    facts = await inspectAssembled(row.key, row.purpose.toLowerCase() as UploadPurpose, Number(row.size));
  } catch (error) {
    await storage.delete(row.key);
    await markAborted(row.id);
    throw error;
  }
  const { rows } = await pool().query<{ completedAt: Date }>(
    `UPDATE upload SET status = 'COMPLETED', facts = $2::jsonb, "completedAt" = now()
      WHERE id = $1 AND status = 'PENDING' RETURNING "completedAt"`,
    [row.id, JSON.stringify(facts)],
  );
  if (!rows[0]) throw new AppError("CONFLICT", { message: "This upload was aborted while it completed." });
  return view({ ...row, status: "COMPLETED", facts, completedAt: rows[0].completedAt });
}

async function markAborted(id: string): Promise<void> {
  await pool().query(`UPDATE upload SET status = 'ABORTED', "abortedAt" = now() WHERE id = $1 AND status = 'PENDING'`, [
    id,
  ]);
}

/** Drops the parts in storage, then marks the upload aborted (left PENDING, for the cron, when storage fails). */
async function abandon(row: Pick<UploadRow, "id" | "key" | "multipartId">): Promise<void> {
  await files().abortMultipart(row.key, row.multipartId);
  await markAborted(row.id);
}

/** `DELETE /uploads/{id}`: aborts an unfinished upload; aborting again is fine, a completed one is kept. */
export async function abortUpload(userId: string, uploadId: string): Promise<UploadView> {
  const row = await findUpload(userId, uploadId);
  if (row.status === "COMPLETED") {
    throw new AppError("CONFLICT", { message: "This upload is completed; it can no longer be aborted." });
  }
  if (row.status === "PENDING") await abandon(row);
  return view({ ...row, status: "ABORTED" });
}

/**
 * The cron's job (uploads older than `olderThanHours`), and account deletion's (all of one user's):
 * aborts PENDING uploads, a few hundred a run. One whose storage abort fails stays PENDING for the next run.
 */
export async function abortPendingUploads(
  options: { olderThanHours?: number; userId?: string; now?: Date } = {},
): Promise<{ aborted: number; failed: number }> {
  const { olderThanHours, userId, now = new Date() } = options;
  const cutoff = olderThanHours === undefined ? null : new Date(now.getTime() - olderThanHours * 3600_000);
  const { rows } = await pool().query<Pick<UploadRow, "id" | "key" | "multipartId">>(
    `SELECT id, key, "multipartId" FROM upload
      WHERE status = 'PENDING'
        AND ($1::timestamptz IS NULL OR "createdAt" < ($1::timestamptz AT TIME ZONE 'UTC'))
        AND ($2::text IS NULL OR "userId" = $2)
      ORDER BY "createdAt" LIMIT 500`,
    [cutoff, userId ?? null],
  );
  let failed = 0;
  for (const row of rows) {
    await abandon(row).catch((error: unknown) => {
      failed += 1;
      logger().error({ err: error, uploadId: row.id }, "aborting an unfinished upload failed");
    });
  }
  return { aborted: rows.length - failed, failed };
}

/** The cron: uploads left unfinished for a day are aborted, so their parts stop taking space. */
export const abortAbandonedUploads = (now = new Date()) =>
  abortPendingUploads({ olderThanHours: UPLOAD_TTL_HOURS, now });
