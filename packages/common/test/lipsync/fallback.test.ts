import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileCredits } from "../../src/credits/index.ts";
import { generateVideo, processDueVideos, receiveVideoCallback } from "../../src/video/index.ts";
import { type FakeApi, type FakeResponse, type RecordedRequest, startFakeApi } from "../ai/fake-api.ts";
import { userWithCredits } from "../video/support.ts";
import { sampleUpload, startFilesServer } from "./support.ts";

// Lip-sync is HeyGen's first, D-ID's after a definite refusal, under the same rule as every model
// (video/generate.ts submitVideo). Both are fakes of their documented HTTP APIs.
const SAMPLE = readFileSync(path.resolve(import.meta.dirname, "../../../../apps/nextjs/public/demo/sample.mp4"));
const WEBHOOK_SECRET = "heygen-endpoint-secret";

type HeygenAnswer = "ok" | "refuse" | "timeout";
let heygenAnswer: HeygenAnswer = "ok";
const lipsyncs = new Map<string, Record<string, unknown>>();
const talks = new Map<string, Record<string, unknown>>();
let heygen: FakeApi;
let heygenUpload: FakeApi;
let did: FakeApi;
let app: Server;
let results: Server;
let resultUrl: string;

function heygenApi(request: RecordedRequest): FakeResponse {
  if (request.method === "POST" && request.path === "/v3/lipsyncs") {
    if (heygenAnswer === "refuse") return { status: 400, json: { error: { code: "invalid", message: "no face" } } };
    const id = `ls_${lipsyncs.size + 1}`;
    lipsyncs.set(id, { id, status: "pending" });
    const json = { data: { lipsync_id: id } };
    return heygenAnswer === "timeout" ? { status: 200, json, delayMs: 3_000 } : { status: 200, json };
  }
  const id = request.path.split("/").at(-1) ?? "";
  const task = lipsyncs.get(id);
  return task ? { status: 200, json: { data: task } } : { status: 404, json: { error: { message: "not found" } } };
}

// The talking-photo upload refuses (HeyGen found no face): nothing was created there.
const uploadApi = (): FakeResponse => ({ status: 400, json: { error: { code: "400", message: "No face detected" } } });

function didApi(request: RecordedRequest): FakeResponse {
  if (request.method === "POST" && request.path === "/talks") {
    const id = `tlk_${talks.size + 1}`;
    talks.set(id, { id, object: "talk", status: "created" });
    return { status: 201, json: talks.get(id) };
  }
  const task = talks.get(request.path.split("/").at(-1) ?? "");
  return task ? { status: 200, json: task } : { status: 404, json: { kind: "NotFoundError", description: "no" } };
}

beforeAll(async () => {
  [heygen, heygenUpload, did] = await Promise.all([
    startFakeApi(heygenApi),
    startFakeApi(uploadApi),
    startFakeApi(didApi),
  ]);
  const files = await startFilesServer();
  app = files.server;
  results = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "video/mp4", "content-length": String(SAMPLE.length) });
    res.end(SAMPLE);
  });
  await new Promise<void>((resolve) => results.listen(0, "127.0.0.1", resolve));
  resultUrl = `http://127.0.0.1:${(results.address() as AddressInfo).port}/result.mp4`;
  Object.assign(process.env, {
    APP_URL: files.origin,
    DEMO_PROVIDER: "off",
    HEYGEN_API_KEY: "heygen-test-key",
    HEYGEN_BASE_URL: heygen.baseUrl,
    HEYGEN_UPLOAD_BASE_URL: heygenUpload.baseUrl,
    HEYGEN_WEBHOOK_SECRET: WEBHOOK_SECRET,
    DID_API_KEY: "did-test-key",
    DID_BASE_URL: did.baseUrl,
    PROVIDER_TIMEOUT_MS: "1000",
    VIDEO_POLL_INTERVAL_MS: "1",
    VIDEO_MAX_CONCURRENT: "50",
    STORAGE_LOCAL_DIR: mkdtempSync(path.join(tmpdir(), "videofly-lipsync-fallback-")),
    // The providers' results are on this machine's loopback.
    OUTBOUND_ALLOW_PRIVATE: "true",
  });
});

afterAll(async () => {
  for (const server of [app, results]) server.closeAllConnections();
  await Promise.all([
    heygen.close(),
    heygenUpload.close(),
    did.close(),
    new Promise((resolve) => app.close(resolve)),
    new Promise((resolve) => results.close(resolve)),
  ]);
});

const lipsync = { model: "lipsync-1", mode: "LIPSYNC" as const, aspectRatio: "16:9", quality: "medium" };
const posts = (api: FakeApi) => api.requests.filter((r) => r.method === "POST").length;

async function holdOf(uuid: string) {
  const hold = await db().creditHold.findUniqueOrThrow({ where: { reference: `video:${uuid}` } });
  const entries = await db().creditTransaction.groupBy({ by: ["type"], where: { holdId: hold.id }, _count: true });
  return { status: hold.status, entries: Object.fromEntries(entries.map((e) => [e.type, e._count])) };
}

/** HeyGen's webhook for a task, to the callback URL it was given, signed (or not) as HeyGen signs. */
function heygenWebhook(event: Record<string, unknown>, secret = WEBHOOK_SECRET) {
  const sent = heygen.requests.filter((r) => r.method === "POST").at(-1)?.body as { callback_url: string };
  const url = new URL(sent.callback_url);
  const rawBody = JSON.stringify(event);
  const signature = createHmac("sha256", secret).update(rawBody).digest("hex");
  return receiveVideoCallback({
    provider: "heygen",
    searchParams: url.searchParams,
    rawBody,
    headers: new Headers({ signature }),
  });
}

describe("lip-sync providers", () => {
  it("HeyGen refuses the portrait: D-ID takes it, and it completes and settles once", async () => {
    const userId = await userWithCredits("fallback", 100);
    const image = await sampleUpload(userId, "image");
    const audio = await sampleUpload(userId, "audio", 2);
    const video = await generateVideo(userId, { ...lipsync, imageUploadId: image.id, audioUploadId: audio.id });
    expect(heygenUpload.requests).toHaveLength(1);
    expect(posts(heygen)).toBe(0);
    // medium: 1 credit per second of audio, whole seconds rounded up (an MP3 runs a little past 2 s).
    const seconds = Math.ceil((audio.facts.durationMs as number) / 1000);
    expect(video).toMatchObject({
      status: "GENERATING",
      provider: "did",
      providerTaskId: "tlk_1",
      creditsCost: seconds,
    });
    const sent = did.last().body as { source_url: string; script: { audio_url: string }; webhook: string };
    expect(sent.source_url).toBe(video.imageUrl);
    expect(sent.script.audio_url).toBe(video.audioUrl);
    expect(new URL(sent.webhook).pathname).toBe("/api/v1/video/callback/did");

    Object.assign(talks.get("tlk_1") as object, { status: "done", result_url: resultUrl });
    await processDueVideos();
    expect(await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).toMatchObject({
      status: "COMPLETED",
      progress: 100,
    });
    expect(await holdOf(video.uuid)).toEqual({ status: "SETTLED", entries: { HOLD: 1, SETTLE: 1 } });
    expect((await reconcileCredits()).filter((p) => p.userId === userId)).toEqual([]);
  }, 60_000);

  it("HeyGen times out: the task stays with HeyGen, D-ID is not asked", async () => {
    const userId = await userWithCredits("timeout", 100);
    const source = await sampleUpload(userId, "video", 2);
    const audio = await sampleUpload(userId, "audio", 2);
    const didBefore = posts(did);
    heygenAnswer = "timeout";
    const video = await generateVideo(userId, { ...lipsync, sourceUploadId: source.id, audioUploadId: audio.id });
    heygenAnswer = "ok";
    expect(video).toMatchObject({ status: "GENERATING", provider: "heygen", providerTaskId: null });
    expect(posts(did)).toBe(didBefore);
    expect((await holdOf(video.uuid)).status).toBe("HELD");
  }, 60_000);

  it("a person's video that HeyGen refuses has no taker (D-ID animates portraits): FAILED, released", async () => {
    const userId = await userWithCredits("nobody", 100);
    const source = await sampleUpload(userId, "video", 2);
    const audio = await sampleUpload(userId, "audio", 2);
    const didBefore = posts(did);
    heygenAnswer = "refuse";
    const caught = await generateVideo(userId, { ...lipsync, sourceUploadId: source.id, audioUploadId: audio.id }).then(
      () => undefined,
      (e: unknown) => e,
    );
    heygenAnswer = "ok";
    expect(caught).toMatchObject({ code: "E5001", status: 502 });
    expect(posts(did)).toBe(didBefore);
    const { videoUuid } = (caught as { details: { videoUuid: string } }).details;
    expect(await holdOf(videoUuid)).toEqual({ status: "RELEASED", entries: { HOLD: 1, RELEASE: 1 } });
  }, 60_000);

  it("HeyGen's progress is stored; its signed webhook completes the video, a mis-signed one is refused", async () => {
    const userId = await userWithCredits("webhook", 100);
    const source = await sampleUpload(userId, "video", 2);
    const audio = await sampleUpload(userId, "audio", 2);
    const video = await generateVideo(userId, { ...lipsync, sourceUploadId: source.id, audioUploadId: audio.id });
    expect(video).toMatchObject({ provider: "heygen", providerTaskId: expect.stringMatching(/^lipsync:ls_/) });
    const task = lipsyncs.get((video.providerTaskId as string).slice("lipsync:".length)) as Record<string, unknown>;

    Object.assign(task, { status: "processing", progress: 42 });
    await processDueVideos();
    expect((await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).progress).toBe(42);

    Object.assign(task, { status: "completed", progress: 100, video_url: resultUrl });
    const event = { event_type: "lipsync.success", event_data: { lipsync_id: task.id, url: resultUrl } };
    await expect(heygenWebhook(event, "forged")).rejects.toMatchObject({ status: 401 });
    expect((await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).status).toBe("GENERATING");

    await expect(heygenWebhook(event)).resolves.toEqual({ received: true });
    expect(await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).toMatchObject({
      status: "COMPLETED",
      progress: 100,
    });
    await heygenWebhook(event);
    expect(await holdOf(video.uuid)).toEqual({ status: "SETTLED", entries: { HOLD: 1, SETTLE: 1 } });
  }, 60_000);
});
