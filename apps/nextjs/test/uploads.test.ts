import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { createStorage, type Storage, storageConfig } from "@videofly/common";
import { sampleMedia } from "@videofly/common/testing";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningS3rver, startS3rver } from "../../../packages/common/test/storage/fixtures";
import { type AppServer, startAppServer, TEST_SECRETS } from "./support/app-server";
import { type Caller, verifiedUser } from "./support/public-videos";
import { sdk } from "./support/sdk";
import { largeVideo, putPart, readSlice, sendParts, toneWav } from "./support/uploads";

// Uploads in parts over HTTP with the SDK, on the local driver and on S3 (s3rver), each against its
// own app server and database. The parts are PUT straight to the URLs the app signed.
const MB = 1024 * 1024;
let video: string;
let videoSize: number;
let audio: string;
let audioSize: number;

beforeAll(async () => {
  video = await largeVideo(127);
  videoSize = (await stat(video)).size;
  audio = await toneWav(16);
  audioSize = (await stat(audio)).size;
}, 60_000);

interface Setup {
  app: AppServer;
  databaseUrl: string;
  storage: Storage;
  s3: RunningS3rver | null;
}

async function setUp(driver: "local" | "s3"): Promise<Setup> {
  const databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), `vf_uploads_${driver}`);
  const s3 = driver === "s3" ? await startS3rver() : null;
  const app = await startAppServer({ DATABASE_URL: databaseUrl, ...(s3?.env ?? {}) });
  const storage = createStorage(
    storageConfig(
      s3?.env ?? {
        STORAGE_DRIVER: "local",
        STORAGE_LOCAL_DIR: app.storageDir,
        STORAGE_SIGNING_SECRET: TEST_SECRETS.STORAGE_SIGNING_SECRET,
      },
    ),
    { baseUrl: app.baseUrl },
  );
  return { app, databaseUrl, storage, s3 };
}

describe.each(["local", "s3"] as const)("uploads in parts, %s driver", (driver) => {
  let fx: Setup;
  let alice: Caller;
  let bob: Caller;
  const client = (caller: Caller) => sdk({ cookie: caller.cookie }, fx.app.baseUrl);

  beforeAll(async () => {
    fx = await setUp(driver);
    [alice, bob] = await Promise.all([
      verifiedUser(fx.app, `uploads-alice-${driver}@example.com`),
      verifiedUser(fx.app, `uploads-bob-${driver}@example.com`),
    ]);
  }, 120_000);

  afterAll(async () => {
    await fx?.app.stop();
    await fx?.s3?.stop();
    if (fx) await dropDatabase(fx.databaseUrl);
  });

  async function declare(
    caller: Caller,
    body: { fileName: string; contentType: string; size: number; purpose: "image" | "video" | "audio" },
  ) {
    const res = await client(caller).POST("/uploads", { body, headers: { "idempotency-key": randomUUID() } });
    if (res.response.status !== 201 || !res.data) throw new Error(`declare: ${JSON.stringify(res.error)}`);
    return res.data.data;
  }
  const complete = (caller: Caller, id: string, parts: { partNumber: number; etag: string }[]) =>
    client(caller).POST("/uploads/{id}/complete", { params: { path: { id } }, body: { parts } });
  const fieldsOf = (error: unknown) =>
    (
      (error as { error?: { details?: { fields?: { field: string; code: string }[] } } })?.error?.details?.fields ?? []
    ).map((f) => `${f.field}:${f.code}`);

  it("takes a 120 MB video in 5 MB parts, 3 at a time, one part sent again after its connection dropped", async () => {
    const declared = await declare(alice, {
      fileName: "holiday.mov",
      contentType: "video/quicktime",
      size: videoSize,
      purpose: "video",
    });
    expect(declared.partSize).toBe(5 * MB);
    expect(declared.parts).toHaveLength(Math.ceil(videoSize / (5 * MB)));
    expect(declared.key).toMatch(new RegExp(`^uploads/${alice.userId}/`));
    const parts = await sendParts(video, videoSize, declared, { failFirstTryOf: 2 });
    const done = await complete(alice, declared.uploadId, parts);
    expect(done.response.status).toBe(200);
    expect(done.data?.data).toMatchObject({
      uploadId: declared.uploadId,
      status: "completed",
      purpose: "video",
      facts: { kind: "video", mime: "video/quicktime", size: videoSize, width: 1280, height: 720, hasVideo: true },
    });
    expect(done.data?.data.facts?.durationMs).toBeGreaterThan(2000);
    expect((await fx.storage.head(declared.key))?.size).toBe(videoSize);
    // The assembled bytes are the file's, in order: a slice from the middle of the 17th part.
    const at = 16 * 5 * MB + 12_345;
    const stored = await fetch(await fx.storage.presignDownload(declared.key, { expiresInSeconds: 60 }), {
      headers: { range: `bytes=${at}-${at + 999}` },
    });
    expect(Buffer.from(await stored.arrayBuffer()).equals(await readSlice(video, at, 1000))).toBe(true);
    const got = await client(alice).GET("/uploads/{id}", { params: { path: { id: declared.uploadId } } });
    expect(got.data?.data).toMatchObject({ status: "completed", facts: { size: videoSize } });
    // Completing again answers the same facts.
    expect((await complete(alice, declared.uploadId, parts)).data?.data.facts?.size).toBe(videoSize);
  }, 180_000);

  it("takes a 3 MB audio, its one part sent again after a dropped connection", async () => {
    const declared = await declare(alice, {
      fileName: "voice.wav",
      contentType: "audio/wav",
      size: audioSize,
      purpose: "audio",
    });
    expect(declared.parts).toHaveLength(1);
    const parts = await sendParts(audio, audioSize, declared, { failFirstTryOf: 1 });
    const done = await complete(alice, declared.uploadId, parts);
    expect(done.data?.data.facts).toMatchObject({ kind: "audio", size: audioSize, hasAudio: true, hasVideo: false });
    expect(done.data?.data.facts?.durationMs).toBeGreaterThanOrEqual(15_900);
  }, 60_000);

  it("refuses a file whose bytes are not what its name and purpose say: deleted, upload aborted", async () => {
    const png = await sampleMedia("image");
    const size = (await stat(png)).size;
    const declared = await declare(alice, { fileName: "clip.mp4", contentType: "video/mp4", size, purpose: "video" });
    const parts = await sendParts(png, size, declared);
    const refused = await complete(alice, declared.uploadId, parts);
    expect(refused.response.status).toBe(400);
    expect(refused.error?.error.code).toBe("E4000");
    expect(fieldsOf(refused.error)).toEqual(["file:content_mismatch"]);
    expect(refused.error?.error.message).toContain("image/png");
    expect(await fx.storage.head(declared.key)).toBeNull();
    const got = await client(alice).GET("/uploads/{id}", { params: { path: { id: declared.uploadId } } });
    expect(got.data?.data.status).toBe("aborted");
  });

  it("refuses a part list with a missing part, or a part never sent, and completes once it is right", async () => {
    const size = 11 * MB;
    const declared = await declare(alice, {
      fileName: "v.mov",
      contentType: "video/quicktime",
      size,
      purpose: "video",
    });
    const parts = await sendParts(video, size, { ...declared, parts: declared.parts.slice(0, 2) });
    const missing = await complete(alice, declared.uploadId, parts);
    expect(missing.response.status).toBe(400);
    expect(fieldsOf(missing.error)).toEqual(["parts:part_missing"]);
    expect(missing.error?.error.message).toContain("Part 3");
    const neverSent = await complete(alice, declared.uploadId, [
      ...parts,
      { partNumber: 3, etag: parts[0]?.etag ?? "" },
    ]);
    expect(neverSent.response.status).toBe(400);
    expect(fieldsOf(neverSent.error)).toEqual(["parts[2].partNumber:part_not_received"]);
    const wrongEtag = await complete(alice, declared.uploadId, [parts[0], { ...parts[1], etag: '"0123"' }] as never);
    expect(fieldsOf(wrongEtag.error)).toEqual(["parts:part_missing"]);
    const rest = await sendParts(video, size, { ...declared, parts: declared.parts.slice(2) });
    const badEtag = await complete(alice, declared.uploadId, [...parts, { partNumber: 3, etag: '"0123"' }]);
    expect(fieldsOf(badEtag.error)).toEqual(["parts[2].etag:etag_mismatch"]);
    // The bytes are a slice of a video with no readable ending: refused by ffprobe, not by the list.
    const done = await complete(alice, declared.uploadId, [...parts, ...rest]);
    expect(fieldsOf(done.error)).toEqual(["file:unreadable_media"]);
  });

  it("holds the limits on declare, and again on complete", async () => {
    const tooBig = await client(alice).POST("/uploads", {
      body: { fileName: "big.mov", contentType: "video/quicktime", size: 500 * MB + 1, purpose: "video" },
      headers: { "idempotency-key": randomUUID() },
    });
    expect(tooBig.response.status).toBe(413);
    expect(fieldsOf(tooBig.error)).toEqual(["size:too_large"]);
    const audioTooBig = await client(alice).POST("/uploads", {
      body: { fileName: "a.wav", contentType: "audio/wav", size: 50 * MB + 1, purpose: "audio" },
      headers: { "idempotency-key": randomUUID() },
    });
    expect(audioTooBig.response.status).toBe(413);
    const imageTooBig = await client(alice).POST("/uploads", {
      body: { fileName: "a.png", contentType: "image/png", size: 10 * MB + 1, purpose: "image" },
      headers: { "idempotency-key": randomUUID() },
    });
    expect(imageTooBig.response.status).toBe(413);

    // A declared 1 MB image whose one part comes in at 12 MB.
    const declared = await declare(alice, { fileName: "i.png", contentType: "image/png", size: MB, purpose: "image" });
    const oversized = await putPart(declared.parts[0]?.url ?? "", await readSlice(video, 0, 12 * MB));
    if (driver === "local") {
      // The local driver caps every part at its signed length.
      expect(oversized.status).toBe(413);
      return;
    }
    // AWS would refuse it (the length is signed); s3rver checks no signature and keeps it, so the
    // limit is held at complete: refused, and the upload aborted.
    expect(oversized.status).toBe(200);
    const refused = await complete(alice, declared.uploadId, [{ partNumber: 1, etag: oversized.etag ?? "" }]);
    expect(refused.response.status).toBe(413);
    expect(fieldsOf(refused.error)).toEqual(["size:too_large"]);
    const got = await client(alice).GET("/uploads/{id}", { params: { path: { id: declared.uploadId } } });
    expect(got.data?.data.status).toBe("aborted");
  });

  it("aborts: the parts go, later parts and completion are refused, aborting again is fine", async () => {
    const declared = await declare(alice, {
      fileName: "v.mov",
      contentType: "video/quicktime",
      size: 6 * MB,
      purpose: "video",
    });
    const [first] = await sendParts(video, 6 * MB, { ...declared, parts: declared.parts.slice(0, 1) });
    const aborted = await client(alice).DELETE("/uploads/{id}", { params: { path: { id: declared.uploadId } } });
    expect(aborted.data?.data.status).toBe("aborted");
    // Both drivers' part URLs carry the storage's own id of the upload.
    const multipartId = new URL(declared.parts[0]?.url ?? "").searchParams.get("uploadId") ?? "";
    await expect(fx.storage.listParts(declared.key, multipartId)).rejects.toThrow();
    if (driver === "local") {
      expect(existsSync(path.join(fx.app.storageDir, ".multipart", multipartId))).toBe(false);
      // (S3 answers NoSuchUpload too; s3rver accepts parts for any upload id.)
      const late = await putPart(declared.parts[1]?.url ?? "", await readSlice(video, 5 * MB, MB));
      expect(late.status).toBe(404);
    }
    const done = await complete(alice, declared.uploadId, [first as never]);
    expect(done.response.status).toBe(409);
    const again = await client(alice).DELETE("/uploads/{id}", { params: { path: { id: declared.uploadId } } });
    expect(again.response.status).toBe(200);
  });

  it("answers 404 for another user's upload, whatever the call", async () => {
    const declared = await declare(alice, {
      fileName: "v.wav",
      contentType: "audio/wav",
      size: audioSize,
      purpose: "audio",
    });
    const id = declared.uploadId;
    const asBob = client(bob);
    expect((await asBob.GET("/uploads/{id}", { params: { path: { id } } })).response.status).toBe(404);
    expect((await complete(bob, id, [{ partNumber: 1, etag: "x" }])).response.status).toBe(404);
    expect((await asBob.DELETE("/uploads/{id}", { params: { path: { id } } })).response.status).toBe(404);
    const mine = await client(alice).GET("/uploads/{id}", { params: { path: { id } } });
    expect(mine.data?.data.status).toBe("pending");
  });

  it("answers a repeated declaration with the same Idempotency-Key with the same upload", async () => {
    const body = { fileName: "a.wav", contentType: "audio/wav", size: audioSize, purpose: "audio" as const };
    const headers = { "idempotency-key": randomUUID() };
    const first = await client(alice).POST("/uploads", { body, headers });
    const second = await client(alice).POST("/uploads", { body, headers });
    expect(second.data?.data.uploadId).toBe(first.data?.data.uploadId);
  });
});
