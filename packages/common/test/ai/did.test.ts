import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDidProvider } from "../../src/ai/providers/did.ts";
import type { VideoProvider } from "../../src/ai/types.ts";
import {
  type FakeApi,
  type FakeResponse,
  providerError,
  type RecordedRequest,
  startFakeApi,
  thrownProviderError,
} from "./fake-api.ts";
import { portraitLipsync, videoLipsync } from "./lipsync-fakes.ts";

const KEY = "ZGlkQGV4YW1wbGUuY29t:secret0123";
const PORTRAIT_URL = "https://files.example.com/uploads/u/portrait.png";

// D-ID's talks API as its docs describe it: Basic auth with the key, talks as one object
// everywhere (create, get, webhook), errors `{ kind, description }`.
const talks = new Map<string, Record<string, unknown>>();
const error = (status: number, kind: string, description: string): FakeResponse => ({
  status,
  json: { kind, description },
});

function didApi(request: RecordedRequest): FakeResponse {
  if (request.headers.authorization !== `Basic ${KEY}`) return error(401, "AuthorizationError", "Unauthorized");
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (request.method === "POST" && request.path === "/talks") {
    if (typeof body.source_url !== "string" || !body.script) return error(400, "ValidationError", "validation failed");
    const id = `tlk_${randomBytes(8).toString("hex")}`;
    const created = {
      id,
      created_at: new Date().toISOString(),
      created_by: "google-oauth2|1",
      status: "created",
      object: "talk",
    };
    talks.set(id, { ...created, source_url: body.source_url, user_data: body.user_data });
    return { status: 201, json: created };
  }
  const match = /^\/talks\/([^/]+)$/.exec(request.path);
  if (request.method === "GET" && match?.[1]) {
    const talk = talks.get(decodeURIComponent(match[1]));
    return talk ? { status: 200, json: talk } : error(404, "NotFoundError", "Talk not found");
  }
  return error(404, "NotFoundError", "Not found");
}

let api: FakeApi;
let did: VideoProvider;

beforeAll(async () => {
  api = await startFakeApi(didApi);
  did = createDidProvider({ apiKey: KEY, baseUrl: api.baseUrl, timeoutMs: 1_500 });
});
afterAll(() => api.close());

describe("createTask", () => {
  it("posts a talk of the portrait speaking the audio", async () => {
    const { taskId } = await did.createTask(portraitLipsync(PORTRAIT_URL));
    expect(api.last()).toMatchObject({ method: "POST", path: "/talks" });
    expect(api.last().headers.authorization).toBe(`Basic ${KEY}`);
    expect(api.last().body).toEqual({
      source_url: PORTRAIT_URL,
      script: { type: "audio", audio_url: "https://files.example.com/uploads/u/voice.mp3" },
      user_data: videoLipsync.reference,
      config: { result_format: "mp4" },
      webhook: videoLipsync.callbackUrl,
    });
    expect(talks.has(taskId)).toBe(true);
  });

  it("reads a script with the voice's Microsoft id", async () => {
    await did.createTask(portraitLipsync(PORTRAIT_URL, { audioUrl: undefined, script: "Hallo", voice: "de-female-1" }));
    expect((api.last().body as { script: unknown }).script).toEqual({
      type: "text",
      input: "Hallo",
      provider: { type: "microsoft", voice_id: "de-DE-KatjaNeural" },
    });
  });

  it.each([
    ["a video source", () => videoLipsync],
    ["an unknown voice", () => portraitLipsync(PORTRAIT_URL, { audioUrl: undefined, script: "Hi", voice: "nobody" })],
  ])("refuses %s before sending anything", async (_label, request) => {
    const before = api.requests.length;
    expect(await providerError(did.createTask(request()))).toMatchObject({ definiteRefusal: true });
    expect(api.requests.length).toBe(before);
  });

  it.each<[string, FakeResponse, boolean]>([
    ["HTTP 400", error(400, "ValidationError", "validation failed"), true],
    ["HTTP 402", error(402, "InsufficientCreditsError", "not enough credits"), true],
    ["HTTP 500", error(500, "InternalServerError", "oops"), false],
    ["HTTP 504", { status: 504, json: { message: "Endpoint request timed out" } }, false],
    ["a timeout", { status: 201, json: { id: "tlk_late", status: "created" }, delayMs: 4_000 }, false],
    ["a reset connection", { status: 201, reset: true }, false],
  ])("%s: is it a definite refusal?", async (_label, answer, definite) => {
    api.failNext(answer);
    expect(await providerError(did.createTask(portraitLipsync(PORTRAIT_URL)))).toMatchObject({
      definiteRefusal: definite,
    });
  });

  it("a refusal carries D-ID's description", async () => {
    api.failNext(error(402, "InsufficientCreditsError", "not enough credits"));
    expect(await providerError(did.createTask(portraitLipsync(PORTRAIT_URL)))).toMatchObject({
      code: "payment_required",
      message: "not enough credits",
    });
  });
});

describe("getTask", () => {
  it("maps created, started, done (with result_url), error and rejected", async () => {
    const { taskId } = await did.createTask(portraitLipsync(PORTRAIT_URL));
    const talk = talks.get(taskId) as Record<string, unknown>;
    expect(await did.getTask(taskId)).toEqual({ state: "queued" });
    expect(api.last()).toMatchObject({ method: "GET", path: `/talks/${taskId}` });
    talk.status = "started";
    expect(await did.getTask(taskId)).toEqual({ state: "running" });
    Object.assign(talk, { status: "done", result_url: "https://d-id-talks-prod.s3.amazonaws.com/t.mp4" });
    expect(await did.getTask(taskId)).toEqual({
      state: "succeeded",
      videoUrl: "https://d-id-talks-prod.s3.amazonaws.com/t.mp4",
    });
    Object.assign(talk, {
      status: "error",
      result_url: undefined,
      error: { kind: "FaceError", description: "No face" },
    });
    expect(await did.getTask(taskId)).toEqual({ state: "failed", errorCode: "FaceError", errorMessage: "No face" });
    Object.assign(talk, { status: "rejected", error: undefined });
    expect(await did.getTask(taskId)).toEqual({ state: "failed", errorCode: "rejected" });
  });

  it("done without a result, or an unknown status, is a bad response; an unknown talk not_found", async () => {
    const { taskId } = await did.createTask(portraitLipsync(PORTRAIT_URL));
    (talks.get(taskId) as Record<string, unknown>).status = "done";
    expect(await providerError(did.getTask(taskId))).toMatchObject({ code: "bad_response" });
    (talks.get(taskId) as Record<string, unknown>).status = "dreaming";
    expect(await providerError(did.getTask(taskId))).toMatchObject({ code: "bad_response" });
    expect(await providerError(did.getTask("tlk_missing"))).toMatchObject({ code: "not_found" });
  });
});

describe("webhook", () => {
  it("reads the talk object D-ID posts", () => {
    const body = {
      id: "tlk_abc",
      object: "talk",
      status: "done",
      result_url: "https://d-id-talks-prod.s3.amazonaws.com/t.mp4",
      user_data: videoLipsync.reference,
    };
    expect(did.parseCallback(body)).toEqual({
      taskId: "tlk_abc",
      claimed: { state: "succeeded", videoUrl: "https://d-id-talks-prod.s3.amazonaws.com/t.mp4" },
    });
  });

  it.each([null, {}, { status: "done" }, { id: 3 }])("rejects %j as bad_callback", (body) => {
    expect(thrownProviderError(() => did.parseCallback(body))).toMatchObject({ code: "bad_callback" });
  });

  it("has no signature to check: the signed callback URL authenticates D-ID", () => {
    expect(did.verifyCallback("{}", new Headers())).toBe(true);
  });
});
