import { createWriteStream, mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { db } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBatch } from "../../src/batch/index.ts";
import { getBalance, reconcileCredits } from "../../src/credits/index.ts";
import { AppError } from "../../src/errors/index.ts";
import { probeMedia, probeStreamDurationMs } from "../../src/media/index.ts";
import { openLocalFile } from "../../src/storage/index.ts";
import { generateVideo, getVideo, getVideoStatus, modelCatalogue, processDueVideos } from "../../src/video/index.ts";
import { generateBody } from "../../src/video/schemas.ts";
import { userWithCredits } from "../video/support.ts";
import { sampleUpload, startFilesServer } from "./support.ts";

// A lip-sync on the demo provider, end to end: real uploads in local storage, served by the app's
// files route; the demo downloads them, muxes with ffmpeg, stores the result; the copy job stores
// it as the video's file and settles the credits.
let app: Server;

beforeAll(async () => {
  const files = await startFilesServer();
  app = files.server;
  Object.assign(process.env, {
    APP_URL: files.origin,
    DEMO_PROVIDER: "on",
    DEMO_PROVIDER_DELAY_MS: "0",
    VIDEO_POLL_INTERVAL_MS: "1",
    VIDEO_MAX_CONCURRENT: "20",
    STORAGE_LOCAL_DIR: mkdtempSync(path.join(tmpdir(), "videofly-lipsync-")),
  });
});

afterAll(async () => {
  app.closeAllConnections();
  await new Promise((resolve) => app.close(resolve));
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const fieldsOf = (error: AppError) =>
  (error.details as { fields: { field: string; code: string }[] }).fields.map((f) => [f.field, f.code]);

/** Runs the poll job until the video leaves GENERATING/UPLOADING; returns the progress values seen. */
async function untilDone(uuid: string) {
  const seen: (number | null)[] = [];
  for (let i = 0; i < 300; i += 1) {
    await processDueVideos();
    const video = await db().video.findUniqueOrThrow({ where: { uuid } });
    seen.push(video.progress);
    if (video.status === "COMPLETED" || video.status === "FAILED") return { video, seen };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the lip-sync never finished");
}

async function storedFile(key: string): Promise<string> {
  const file = await openLocalFile(key);
  if (!file) throw new Error(`nothing stored under ${key}`);
  const out = path.join(mkdtempSync(path.join(tmpdir(), "videofly-result-")), "result.mp4");
  await pipeline(file.stream, createWriteStream(out));
  return out;
}

async function settleEntries(uuid: string) {
  const hold = await db().creditHold.findUniqueOrThrow({ where: { reference: `video:${uuid}` } });
  return {
    hold: hold.status,
    amount: hold.amount,
    settles: await db().creditTransaction.count({ where: { holdId: hold.id, type: "SETTLE" } }),
  };
}

const lipsync = { model: "lipsync-1", mode: "LIPSYNC" as const, aspectRatio: "16:9", quality: "high" };

describe("lip-sync on the demo provider", () => {
  it("holds the audio's price, returns the source with the uploaded audio, and settles once", async () => {
    const userId = await userWithCredits("lipsync", 100);
    const source = await sampleUpload(userId, "video", 6);
    const audio = await sampleUpload(userId, "audio", 3.4);
    const audioMs = audio.facts.durationMs as number;
    const video = await generateVideo(userId, {
      ...lipsync,
      sourceUploadId: source.id,
      audioUploadId: audio.id,
    });
    // high: 1.5 credits a second; 3.4 s of audio is 4 whole seconds: 6 credits, held.
    expect(video).toMatchObject({ creditsCost: 6, duration: 4, provider: "demo", aspectRatio: "4:3" });
    expect(video.audioDurationMs).toBe(Math.round(audioMs));
    expect(video.sourceVideoUrl).toContain("/api/v1/files/uploads/");
    expect(video.audioUrl).toContain("/api/v1/files/uploads/");
    expect(await getBalance(userId)).toMatchObject({ available: 94, frozen: 6 });

    const { video: done, seen } = await untilDone(video.uuid);
    expect(done.status).toBe("COMPLETED");
    expect(done.progress).toBe(100);
    expect(seen.some((p) => p !== null && p < 100)).toBe(true);

    const result = await storedFile(done.storageKey as string);
    expect(Math.abs(((await probeStreamDurationMs(result, "a")) ?? Number.NaN) - audioMs)).toBeLessThanOrEqual(100);
    expect((await probeMedia(result)).hasVideo).toBe(true);

    expect(await settleEntries(video.uuid)).toEqual({ hold: "SETTLED", amount: 6, settles: 1 });
    await processDueVideos();
    expect(await settleEntries(video.uuid)).toEqual({ hold: "SETTLED", amount: 6, settles: 1 });
    expect(await getBalance(userId)).toMatchObject({ available: 94, frozen: 0 });
    expect((await reconcileCredits()).filter((p) => p.userId === userId)).toEqual([]);

    const shown = await getVideo(userId, video.uuid);
    expect(shown).toMatchObject({ mode: "LIPSYNC", progress: 100, audioDurationMs: Math.round(audioMs) });
    expect(await getVideoStatus(userId, video.uuid)).toMatchObject({ status: "COMPLETED", progress: 100 });
  }, 90_000);

  it("makes a talking still of a portrait, as long as the audio", async () => {
    const userId = await userWithCredits("portrait", 100);
    const image = await sampleUpload(userId, "image");
    const audio = await sampleUpload(userId, "audio", 2.2);
    const video = await generateVideo(userId, {
      ...lipsync,
      quality: "low",
      imageUploadId: image.id,
      audioUploadId: audio.id,
    });
    // low: 0.5 a second × 3 s = 1.5 → 2.
    expect(video).toMatchObject({ creditsCost: 2, duration: 3, sourceVideoUrl: null });
    expect(video.imageUrl).toContain("/api/v1/files/uploads/");
    const { video: done } = await untilDone(video.uuid);
    expect(done.status).toBe("COMPLETED");
    const result = await storedFile(done.storageKey as string);
    const audioMs = audio.facts.durationMs as number;
    expect(Math.abs(((await probeStreamDurationMs(result, "a")) ?? Number.NaN) - audioMs)).toBeLessThanOrEqual(100);
    expect(Math.abs(((await probeStreamDurationMs(result, "v")) ?? Number.NaN) - audioMs)).toBeLessThanOrEqual(200);
  }, 90_000);

  it("prices a script at 2.5 words a second and reads it (as a tone) for that long", async () => {
    const userId = await userWithCredits("script", 100);
    const image = await sampleUpload(userId, "image");
    const script = "one two three four five six seven eight nine ten eleven"; // 11 words: 4.4 → 5 s
    const video = await generateVideo(userId, {
      ...lipsync,
      quality: "medium",
      imageUploadId: image.id,
      script,
      voice: "en-female-1",
      language: "en",
    });
    expect(video).toMatchObject({ creditsCost: 5, duration: 5, audioDurationMs: 5000, script, voice: "en-female-1" });
    const { video: done } = await untilDone(video.uuid);
    expect(done.status).toBe("COMPLETED");
    const result = await storedFile(done.storageKey as string);
    expect(Math.abs(((await probeStreamDurationMs(result, "a")) ?? Number.NaN) - 5000)).toBeLessThanOrEqual(100);
  }, 90_000);
});

describe("lip-sync refusals", () => {
  it("insufficient credits: 402, nothing held, no video", async () => {
    const userId = await userWithCredits("poor", 2);
    const source = await sampleUpload(userId, "video", 2);
    const audio = await sampleUpload(userId, "audio", 5);
    const error = await refusal(
      generateVideo(userId, { ...lipsync, quality: "ultra", sourceUploadId: source.id, audioUploadId: audio.id }),
    );
    expect(error).toMatchObject({ status: 402, errorName: "INSUFFICIENT_CREDITS" });
    expect(await getBalance(userId)).toMatchObject({ available: 2, frozen: 0 });
    expect(await db().video.count({ where: { userId } })).toBe(0);
    expect(await db().creditHold.count({ where: { userId } })).toBe(0);
  }, 60_000);

  it("an upload of the wrong purpose is a 400 naming its field", async () => {
    const userId = await userWithCredits("purpose", 100);
    const source = await sampleUpload(userId, "video", 2);
    const error = await refusal(
      generateVideo(userId, { ...lipsync, sourceUploadId: source.id, audioUploadId: source.id }),
    );
    expect(error.status).toBe(400);
    expect(fieldsOf(error)).toEqual([["body.audioUploadId", "wrong_purpose"]]);
    expect(await db().video.count({ where: { userId } })).toBe(0);
  }, 60_000);

  it("someone else's upload, two sources, no voice, an unknown language: each names its field", async () => {
    const userId = await userWithCredits("fields", 100);
    const other = await userWithCredits("other", 100);
    const image = await sampleUpload(userId, "image");
    const audio = await sampleUpload(userId, "audio", 2);
    const theirs = await sampleUpload(other, "audio", 2);
    const cases: [Record<string, string>, string, string][] = [
      [{ imageUploadId: image.id, audioUploadId: theirs.id }, "body.audioUploadId", "upload_not_found"],
      [{ imageUploadId: image.id, sourceUploadId: image.id, audioUploadId: audio.id }, "body.sourceUploadId", "one_of"],
      [{ imageUploadId: image.id, script: "hello there" }, "body.voice", "required"],
      [{ imageUploadId: image.id, script: "hello there", voice: "nobody" }, "body.voice", "not_offered"],
      [{ imageUploadId: image.id, audioUploadId: audio.id, language: "xx" }, "body.language", "not_offered"],
      [{ imageUploadId: image.id, audioUploadId: audio.id, script: "both" }, "body.audioUploadId", "one_of"],
      // 800 words at 2.5 a second: 320 s, past the model's 300.
      [{ imageUploadId: image.id, script: "word ".repeat(800), voice: "en-male-1" }, "body.script", "too_long"],
    ];
    for (const [inputs, field, code] of cases) {
      const error = await refusal(generateVideo(userId, { ...lipsync, ...inputs }));
      expect([error.status, fieldsOf(error)]).toEqual([400, [[field, code]]]);
    }
    expect(await db().video.count({ where: { userId } })).toBe(0);
  }, 60_000);

  it("the body needs prompt and duration except for a lip-sync, and lip-sync fields only there", () => {
    const paths = (body: unknown) => generateBody.safeParse(body).error?.issues.map((i) => i.path.join("."));
    expect(paths({ model: "kling-2.6", quality: "standard" })).toEqual(["prompt", "duration"]);
    expect(paths({ model: "kling-2.6", quality: "standard", prompt: "p", duration: 5, script: "x" })).toEqual([
      "script",
    ]);
    expect(paths({ model: "lipsync-1", mode: "LIPSYNC", quality: "low", imageUploadId: "u", script: "x" })).toBe(
      undefined,
    );
  });

  it("a batch of lip-syncs is refused with a 400 on mode", async () => {
    const userId = await userWithCredits("batch", 100);
    const error = await refusal(createBatch(userId, { ...lipsync, duration: 5, items: [{ prompt: "a" }] }));
    expect([error.status, fieldsOf(error)]).toEqual([400, [["body.mode", "custom"]]]);
  });

  it("the catalogue shows the rate per second of audio, and example prices", () => {
    const model = modelCatalogue().find((m) => m.id === "lipsync-1");
    expect(model?.price).toEqual({
      kind: "per_audio_second",
      perAudioSecond: { low: 0.5, medium: 1, high: 1.5, ultra: 2 },
    });
    expect(model?.prices).toContainEqual({
      mode: "LIPSYNC",
      quality: "high",
      duration: 30,
      basis: "audio_seconds",
      credits: 45,
    });
    expect(model?.languages).toContain("en");
    const kling = modelCatalogue().find((m) => m.id === "kling-2.6");
    expect(kling?.prices[0]?.basis).toBe("video_seconds");
  });
});
