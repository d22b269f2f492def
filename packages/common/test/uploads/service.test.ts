import { createReadStream, mkdtempSync } from "node:fs";
import { stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pool } from "@videofly/db";
import { beforeAll, describe, expect, it } from "vitest";
import { deleteAccount } from "../../src/account/index.ts";
import { AppError } from "../../src/errors/index.ts";
import { writeLocalPart } from "../../src/storage/index.ts";
import { sampleMedia } from "../../src/testing/index.ts";
import {
  abortAbandonedUploads,
  completeUpload,
  declareUpload,
  getUpload,
  PART_SIZE,
  uploadConfig,
} from "../../src/uploads/index.ts";
import { files } from "../../src/video/files.ts";
import { createUser } from "../credits/support.ts";

// The uploads service on the local driver, where HTTP does not matter: limits from the
// environment, the abandoned-uploads cron, account deletion. apps/nextjs/test/uploads.test.ts
// drives the whole flow over HTTP on both drivers.
beforeAll(() => {
  Object.assign(process.env, {
    APP_URL: "http://127.0.0.1:9",
    STORAGE_DRIVER: "local",
    STORAGE_LOCAL_DIR: mkdtempSync(path.join(tmpdir(), "videofly-uploads-")),
  });
});

const video = (size: number) => ({
  fileName: "a.mov",
  contentType: "video/quicktime",
  size,
  purpose: "video" as const,
});
const multipartOf = (url: string) => new URL(url).searchParams.get("uploadId") ?? "";

describe("uploads service", () => {
  it("takes its limits from the environment, with 10 / 50 / 500 MB by default", () => {
    const MB = 1024 * 1024;
    expect(uploadConfig({}).maxBytes).toEqual({ image: 10 * MB, audio: 50 * MB, video: 500 * MB });
    expect(uploadConfig({ UPLOAD_MAX_AUDIO_BYTES: "1000" }).maxBytes.audio).toBe(1000);
    expect(() => uploadConfig({ UPLOAD_MAX_VIDEO_BYTES: "-1" })).toThrow();
  });

  it("signs one URL per 5 MB part, the last one shorter, under the user's prefix", async () => {
    const userId = await createUser("declare");
    const declared = await declareUpload(userId, video(2 * PART_SIZE + 1));
    expect(declared.parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
    expect(declared.parts.map((p) => new URL(p.url).searchParams.get("maxBytes"))).toEqual([
      String(PART_SIZE),
      String(PART_SIZE),
      "1",
    ]);
    expect(declared.key).toMatch(new RegExp(`^uploads/${userId}/[0-9a-f-]{36}\\.mov$`));
    const error = await declareUpload(userId, video(500 * 1024 * 1024 + 1)).catch((e: unknown) => e);
    expect((error as AppError).errorName).toBe("PAYLOAD_TOO_LARGE");
  });

  it("the cron aborts uploads left PENDING for a day, parts and all, and leaves younger ones", async () => {
    const userId = await createUser("cron");
    const old = await declareUpload(userId, video(1000));
    const young = await declareUpload(userId, video(1000));
    await pool().query(`UPDATE upload SET "createdAt" = now() - interval '25 hours' WHERE id = $1`, [old.uploadId]);
    const result = await abortAbandonedUploads();
    expect(result).toMatchObject({ failed: 0 });
    expect(result.aborted).toBeGreaterThanOrEqual(1);
    expect((await getUpload(userId, old.uploadId)).status).toBe("aborted");
    expect((await getUpload(userId, young.uploadId)).status).toBe("pending");
    await expect(files().listParts(old.key, multipartOf(old.parts[0]?.url ?? ""))).rejects.toThrow(AppError);
    expect(await files().listParts(young.key, multipartOf(young.parts[0]?.url ?? ""))).toEqual([]);
  });

  it("deleting an account aborts its unfinished uploads", async () => {
    const userId = await createUser("leaving");
    const pending = await declareUpload(userId, video(1000));
    await deleteAccount(userId);
    const { rows } = await pool().query<{ status: string }>(`SELECT status::text FROM upload WHERE id = $1`, [
      pending.uploadId,
    ]);
    expect(rows[0]?.status).toBe("ABORTED");
    await expect(files().listParts(pending.key, multipartOf(pending.parts[0]?.url ?? ""))).rejects.toThrow(AppError);
  });

  it("two completes of one upload at the same moment assemble it once: the other is told to ask again", async () => {
    const userId = await createUser("twice");
    const audio = await sampleMedia("audio", { seconds: 2 });
    const size = (await stat(audio)).size;
    const declared = await declareUpload(userId, {
      fileName: "a.mp3",
      contentType: "audio/mpeg",
      size,
      purpose: "audio",
    });
    const { etag } = await writeLocalPart(multipartOf(declared.parts[0]?.url ?? ""), 1, createReadStream(audio), {
      bytes: size,
    });
    const parts = [{ partNumber: 1, etag }];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, () => completeUpload(userId, declared.uploadId, { parts })),
    );
    const done = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as AppError] : []));
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(refused.every((e) => e.errorName === "CONFLICT" && e.headers?.["retry-after"] === "2")).toBe(true);
    const again = await completeUpload(userId, declared.uploadId, { parts });
    expect(again).toMatchObject({ status: "completed", facts: { kind: "audio", mime: "audio/mpeg", hasAudio: true } });
    expect(Math.abs((again.facts?.durationMs ?? 0) - 2000)).toBeLessThan(100);
  });
});
