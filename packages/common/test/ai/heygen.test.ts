import { createHmac, randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHeygenProvider } from "../../src/ai/providers/heygen.ts";
import type { VideoProvider } from "../../src/ai/types.ts";
import {
  type FakeApi,
  type FakeResponse,
  providerError,
  type RecordedRequest,
  startFakeApi,
  thrownProviderError,
} from "./fake-api.ts";
import { PORTRAIT, portraitLipsync, startPortraitServer, videoLipsync } from "./lipsync-fakes.ts";

const KEY = "hg-test-key-0123456789";
const SECRET = "hg-webhook-secret";

// HeyGen's API as its docs describe it: X-Api-Key auth; the v3 lip-sync API; the talking-photo
// upload host; v2 video generate and the v1 status endpoint; errors `{ error: { code, message } }`.
const videos = new Map<string, Record<string, unknown>>();
const lipsyncs = new Map<string, Record<string, unknown>>();

const error = (status: number, message: string): FakeResponse => ({
  status,
  json: { error: { code: "invalid_parameter", message }, data: null },
});

function heygenApi(request: RecordedRequest): FakeResponse {
  if (request.headers["x-api-key"] !== KEY) return error(401, "Unauthorized");
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (request.method === "POST" && request.path === "/v3/lipsyncs") {
    if (!body.video || !body.audio) return error(400, "video and audio are required");
    const id = `ls_${randomBytes(4).toString("hex")}`;
    lipsyncs.set(id, { id, status: "pending" });
    return { status: 200, json: { data: { lipsync_id: id } } };
  }
  const lipsync = /^\/v3\/lipsyncs\/([^/]+)$/.exec(request.path);
  if (request.method === "GET" && lipsync?.[1]) {
    const task = lipsyncs.get(lipsync[1]);
    return task ? { status: 200, json: { data: task } } : error(404, "Lipsync not found");
  }
  if (request.method === "POST" && request.path === "/v2/video/generate") {
    const id = randomBytes(16).toString("hex");
    videos.set(id, { id, status: "pending", video_url: null, error: null, callback_id: body.callback_id });
    return { status: 200, json: { error: null, data: { video_id: id } } };
  }
  if (request.method === "GET" && request.path === "/v1/video_status.get") {
    const task = videos.get(request.query.get("video_id") ?? "");
    return task ? { status: 200, json: { code: 100, data: task, message: "Success" } } : error(404, "Video not found");
  }
  return error(404, "Not found");
}

function uploadApi(request: RecordedRequest): FakeResponse {
  if (request.headers["x-api-key"] !== KEY) return error(401, "Unauthorized");
  if (request.method === "POST" && request.path === "/v1/talking_photo" && request.bytes.length > 0) {
    const id = randomBytes(16).toString("hex");
    return {
      status: 200,
      json: { code: 100, data: { talking_photo_id: id, talking_photo_url: `https://x/${id}.png` }, msg: null },
    };
  }
  return error(400, "Bad upload");
}

let api: FakeApi;
let upload: FakeApi;
let portrait: { url: string; server: Server };
let heygen: VideoProvider;

beforeAll(async () => {
  api = await startFakeApi(heygenApi);
  upload = await startFakeApi(uploadApi);
  portrait = await startPortraitServer();
  heygen = createHeygenProvider({
    apiKey: KEY,
    baseUrl: api.baseUrl,
    uploadBaseUrl: upload.baseUrl,
    webhookSecret: SECRET,
    timeoutMs: 1_500,
  });
});
afterAll(async () => {
  await Promise.all([api.close(), upload.close()]);
  portrait.server.closeAllConnections();
  await new Promise((resolve) => portrait.server.close(resolve));
});

describe("createTask", () => {
  it("sends a person's video and the audio to the lip-sync API", async () => {
    const { taskId } = await heygen.createTask(videoLipsync);
    expect(taskId).toMatch(/^lipsync:ls_[0-9a-f]{8}$/);
    expect(api.last()).toMatchObject({ method: "POST", path: "/v3/lipsyncs" });
    expect(api.last().headers["x-api-key"]).toBe(KEY);
    expect(api.last().body).toEqual({
      video: { type: "url", url: videoLipsync.lipsync?.sourceVideoUrl },
      audio: { type: "url", url: videoLipsync.lipsync?.audioUrl },
      mode: "precision",
      callback_id: videoLipsync.reference,
      callback_url: videoLipsync.callbackUrl,
    });
  });

  it("uploads a portrait as a talking photo, then generates it speaking the audio", async () => {
    const { taskId } = await heygen.createTask({ ...portraitLipsync(portrait.url), quality: "medium" });
    const sent = upload.last();
    expect(sent).toMatchObject({ method: "POST", path: "/v1/talking_photo" });
    expect(sent.headers["content-type"]).toBe("image/png");
    expect(sent.bytes.equals(PORTRAIT)).toBe(true);
    const body = api.last().body as { video_inputs: { character: { talking_photo_id: string } }[] };
    expect(api.last().path).toBe("/v2/video/generate");
    expect(body).toEqual({
      video_inputs: [
        {
          character: { type: "talking_photo", talking_photo_id: expect.stringMatching(/^[0-9a-f]{32}$/) },
          voice: { type: "audio", audio_url: "https://files.example.com/uploads/u/voice.mp3" },
        },
      ],
      dimension: { width: 1280, height: 720 },
      callback_id: videoLipsync.reference,
      callback_url: videoLipsync.callbackUrl,
    });
    expect(taskId).toMatch(/^video:[0-9a-f]{32}$/);
  });

  it("reads a script in the voice's HeyGen id, upright for a portrait-shaped source", async () => {
    const request = {
      ...portraitLipsync(portrait.url, { audioUrl: undefined, script: "Hello there", voice: "en-female-1" }),
      aspectRatio: "9:16",
    };
    await heygen.createTask(request);
    expect(api.last().body).toMatchObject({
      video_inputs: [
        { voice: { type: "text", input_text: "Hello there", voice_id: "1bd001e7e50f421d891986aad5158bc8" } },
      ],
      dimension: { width: 1080, height: 1920 },
    });
  });

  it.each([
    [
      "a voice HeyGen has no id for",
      () => portraitLipsync("http://x", { audioUrl: undefined, script: "Hi", voice: "de-female-1" }),
    ],
    [
      "a video source with a script",
      () => ({
        ...videoLipsync,
        lipsync: {
          ...videoLipsync.lipsync,
          audioUrl: undefined,
          script: "Hi",
          voice: "en-female-1",
          audioDurationMs: 1000,
          language: "en",
        },
      }),
    ],
    ["a text-to-video task", () => ({ ...videoLipsync, mode: "TEXT_TO_VIDEO" as const, lipsync: undefined })],
  ])("refuses %s before sending anything", async (_label, request) => {
    const before = api.requests.length + upload.requests.length;
    expect(await providerError(heygen.createTask(request()))).toMatchObject({
      code: "bad_request",
      definiteRefusal: true,
    });
    expect(api.requests.length + upload.requests.length).toBe(before);
  });

  it("a portrait it cannot read is a refusal: HeyGen was never asked", async () => {
    const error = await providerError(heygen.createTask(portraitLipsync(`${portrait.url}.missing`)));
    expect(error).toMatchObject({ definiteRefusal: true });
  });
});

describe("getTask", () => {
  it("maps a video's pending, processing, completed and failed", async () => {
    const { taskId } = await heygen.createTask(portraitLipsync(portrait.url));
    const task = videos.get(taskId.slice("video:".length)) as Record<string, unknown>;
    expect(await heygen.getTask(taskId)).toEqual({ state: "queued" });
    expect(api.last()).toMatchObject({ method: "GET", path: "/v1/video_status.get" });
    expect(api.last().query.get("video_id")).toBe(task.id);
    task.status = "processing";
    expect(await heygen.getTask(taskId)).toEqual({ state: "running" });
    Object.assign(task, { status: "completed", video_url: "https://resource.heygen.ai/video/v.mp4" });
    expect(await heygen.getTask(taskId)).toEqual({
      state: "succeeded",
      videoUrl: "https://resource.heygen.ai/video/v.mp4",
      progress: 100,
    });
    Object.assign(task, { status: "failed", video_url: null, error: { code: 40119, message: "No face detected" } });
    expect(await heygen.getTask(taskId)).toEqual({
      state: "failed",
      errorCode: "40119",
      errorMessage: "No face detected",
    });
  });

  it("maps a lip-sync's states with the progress it reports", async () => {
    const { taskId } = await heygen.createTask(videoLipsync);
    const task = lipsyncs.get(taskId.slice("lipsync:".length)) as Record<string, unknown>;
    expect(await heygen.getTask(taskId)).toEqual({ state: "queued" });
    Object.assign(task, { status: "processing", progress: 42 });
    expect(await heygen.getTask(taskId)).toEqual({ state: "running", progress: 42 });
    Object.assign(task, { status: "completed", video_url: "https://resource.heygen.ai/ls.mp4", progress: 100 });
    expect(await heygen.getTask(taskId)).toMatchObject({
      state: "succeeded",
      videoUrl: "https://resource.heygen.ai/ls.mp4",
    });
    Object.assign(task, { status: "failed", video_url: null, failure_message: "Audio too long" });
    expect(await heygen.getTask(taskId)).toEqual({
      state: "failed",
      errorCode: "failed",
      errorMessage: "Audio too long",
    });
  });

  it("a completed task without a URL, or an unknown status, is a bad response", async () => {
    const { taskId } = await heygen.createTask(videoLipsync);
    const task = lipsyncs.get(taskId.slice("lipsync:".length)) as Record<string, unknown>;
    task.status = "completed";
    expect(await providerError(heygen.getTask(taskId))).toMatchObject({ code: "bad_response" });
    task.status = "teleporting";
    expect(await providerError(heygen.getTask(taskId))).toMatchObject({ code: "bad_response" });
  });

  it("an unknown task is not_found", async () => {
    expect(await providerError(heygen.getTask("video:missing"))).toMatchObject({ code: "not_found", status: 404 });
  });
});

describe("refusal or maybe-accepted", () => {
  it.each<[string, FakeResponse, boolean]>([
    ["HTTP 400", error(400, "Invalid audio"), true],
    ["HTTP 401", error(401, "Unauthorized"), true],
    ["HTTP 429", error(429, "Too many requests"), true],
    ["HTTP 500", { status: 500, raw: "Internal Server Error" }, false],
    ["a timeout", { status: 200, json: { data: { lipsync_id: "late" } }, delayMs: 4_000 }, false],
    ["a reset connection", { status: 200, reset: true }, false],
    ["a 2xx without an id", { status: 200, json: { data: {} } }, false],
  ])("%s: is it a definite refusal?", async (_label, answer, definite) => {
    api.failNext(answer);
    expect(await providerError(heygen.createTask(videoLipsync))).toMatchObject({ definiteRefusal: definite });
  });

  it("a wrong key is unauthorized, and the key never shows", async () => {
    api.failNext(error(401, `bad key ${KEY}`));
    const refused = await providerError(heygen.createTask(videoLipsync));
    expect(refused).toMatchObject({ code: "unauthorized", retryable: false });
    expect(refused.message).not.toContain(KEY);
  });
});

describe("webhooks", () => {
  const sign = (body: string, secret = SECRET) => createHmac("sha256", secret).update(body).digest("hex");

  it("reads avatar_video.success and .fail, and a lip-sync's", () => {
    expect(
      heygen.parseCallback({
        event_type: "avatar_video.success",
        event_data: { video_id: "abc", url: "https://resource.heygen.ai/v.mp4", callback_id: "ref" },
      }),
    ).toEqual({ taskId: "video:abc", claimed: { state: "succeeded", videoUrl: "https://resource.heygen.ai/v.mp4" } });
    expect(
      heygen.parseCallback({ event_type: "avatar_video.fail", event_data: { video_id: "abc", msg: "No face" } }),
    ).toEqual({
      taskId: "video:abc",
      claimed: { state: "failed", errorCode: "avatar_video.fail", errorMessage: "No face" },
    });
    expect(heygen.parseCallback({ event_type: "lipsync.success", event_data: { lipsync_id: "ls_1" } }).taskId).toBe(
      "lipsync:ls_1",
    );
  });

  it.each([null, {}, { event_type: "avatar_video.success" }, { event_type: "x", event_data: {} }])(
    "rejects %j as bad_callback",
    (body) => {
      expect(thrownProviderError(() => heygen.parseCallback(body))).toMatchObject({ code: "bad_callback" });
    },
  );

  it("checks the signature header: good passes; wrong, of another body, or missing fails", () => {
    const body = JSON.stringify({ event_type: "avatar_video.success", event_data: { video_id: "abc" } });
    expect(heygen.verifyCallback(body, new Headers({ signature: sign(body) }))).toBe(true);
    expect(heygen.verifyCallback(body, new Headers({ signature: sign(body, "other") }))).toBe(false);
    expect(heygen.verifyCallback(`${body} `, new Headers({ signature: sign(body) }))).toBe(false);
    expect(heygen.verifyCallback(body, new Headers())).toBe(false);
    // The header name and prefix later docs use.
    expect(heygen.verifyCallback(body, new Headers({ "heygen-signature": `sha256=${sign(body)}` }))).toBe(true);
    expect(heygen.verifyCallback(body, new Headers({ "heygen-signature": `sha256=${sign(body, "x")}` }))).toBe(false);
  });

  it("without a secret configured, the signed callback URL alone authenticates", () => {
    const open = createHeygenProvider({
      apiKey: KEY,
      baseUrl: api.baseUrl,
      uploadBaseUrl: upload.baseUrl,
      timeoutMs: 500,
    });
    expect(open.verifyCallback("{}", new Headers())).toBe(true);
  });
});
