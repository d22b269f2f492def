import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReplicateProvider } from "../../src/ai/providers/replicate.ts";
import type { VideoProvider } from "../../src/ai/types.ts";
import {
  baseRequest,
  type FakeApi,
  type FakeResponse,
  providerError,
  type RecordedRequest,
  startFakeApi,
  thrownProviderError,
} from "./fake-api.ts";

const TOKEN = "r8_test_0123456789abcdef";
const SECRET = `whsec_${randomBytes(24).toString("base64")}`;
const VERSION = "5a5ec2e0a1d1e8c3f7b4e6a9d0c2b1f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9";

// Replicate's HTTP API as replicate.com/docs/reference/http documents it: Bearer auth, 201 with
// the prediction on create, and errors as { title, detail, status }.
type Prediction = Record<string, unknown> & { id: string; status: string };
const predictions = new Map<string, Prediction>();

const problem = (status: number, title: string, detail: string): FakeResponse => ({
  status,
  json: { title, detail, status },
});

function newPrediction(baseUrl: string, model: string, version: string, body: Record<string, unknown>): Prediction {
  const id = randomBytes(13).toString("hex");
  const prediction: Prediction = {
    id,
    model,
    version,
    input: body.input,
    logs: "",
    output: null,
    data_removed: false,
    error: null,
    status: "starting",
    created_at: new Date().toISOString(),
    urls: {
      cancel: `${baseUrl}/v1/predictions/${id}/cancel`,
      get: `${baseUrl}/v1/predictions/${id}`,
      web: `https://replicate.com/p/${id}`,
    },
  };
  predictions.set(id, prediction);
  return prediction;
}

function replicateApi(request: RecordedRequest): FakeResponse {
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    return problem(401, "Unauthenticated", "You did not pass a valid authentication token");
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  const baseUrl = `http://${request.headers.host}`;
  if (request.method === "POST" && (typeof body.input !== "object" || body.input === null)) {
    return problem(422, "Input validation failed", "- input: Required");
  }
  const official = /^\/v1\/models\/([^/]+)\/([^/]+)\/predictions$/.exec(request.path);
  if (request.method === "POST" && official) {
    return { status: 201, json: newPrediction(baseUrl, `${official[1]}/${official[2]}`, "hidden", body) };
  }
  if (request.method === "POST" && request.path === "/v1/predictions") {
    if (body.version !== VERSION)
      return problem(
        422,
        "Invalid version or not permitted",
        "The specified version does not exist (or perhaps you don't have permission to use it?)",
      );
    return { status: 201, json: newPrediction(baseUrl, "bytedance/seedance-1-pro", VERSION, body) };
  }
  const get = /^\/v1\/predictions\/([^/]+)$/.exec(request.path);
  if (request.method === "GET" && get?.[1]) {
    const prediction = predictions.get(get[1]);
    return prediction ? { status: 200, json: prediction } : problem(404, "Not found", "Not found.");
  }
  return problem(404, "Not found", "Not found.");
}

let api: FakeApi;
let replicate: VideoProvider;

beforeAll(async () => {
  api = await startFakeApi(replicateApi);
  replicate = createReplicateProvider({ apiKey: TOKEN, baseUrl: api.baseUrl, timeoutMs: 1_500, webhookSecret: SECRET });
});
afterAll(() => api.close());

const request = { ...baseRequest, providerModel: "google/veo-3", durationSeconds: 8, quality: "1080p" };

describe("createTask", () => {
  it("runs an official model with POST /v1/models/{owner}/{name}/predictions and a completed-only webhook", async () => {
    const { taskId } = await replicate.createTask({ ...request, negativePrompt: "blurry" });
    const sent = api.last();
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/v1/models/google/veo-3/predictions");
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent.body).toEqual({
      input: {
        prompt: baseRequest.prompt,
        duration: 8,
        aspect_ratio: "16:9",
        negative_prompt: "blurry",
        resolution: "1080p",
      },
      webhook: baseRequest.callbackUrl,
      webhook_events_filter: ["completed"],
    });
    expect(predictions.has(taskId)).toBe(true);
  });

  it("runs a pinned version with POST /v1/predictions, the start frame as `image`", async () => {
    const { callbackUrl: _, ...noCallback } = request;
    const imageUrl = "https://cdn.example.com/frame.png";
    await replicate.createTask({
      ...noCallback,
      providerModel: `bytedance/seedance-1-pro:${VERSION}`,
      mode: "IMAGE_TO_VIDEO",
      imageUrl,
      durationSeconds: 5,
      quality: "480p",
    });
    const sent = api.last();
    expect(sent.path).toBe("/v1/predictions");
    expect(sent.body).toEqual({
      version: VERSION,
      input: { prompt: baseRequest.prompt, duration: 5, aspect_ratio: "16:9", resolution: "480p", image: imageUrl },
    });
  });

  it("refuses a model id that is not owner/name, without calling Replicate", async () => {
    const before = api.requests.length;
    const error = await providerError(replicate.createTask({ ...request, providerModel: "veo-3" }));
    expect(error).toMatchObject({ code: "bad_request", retryable: false });
    expect(api.requests.length).toBe(before);
  });
});

describe("getTask", () => {
  it("maps starting, processing, succeeded (URL or list of URLs), failed and canceled", async () => {
    const { taskId } = await replicate.createTask(request);
    const prediction = predictions.get(taskId) as Prediction;
    expect(await replicate.getTask(taskId)).toEqual({ state: "queued" });
    expect(api.last()).toMatchObject({ method: "GET", path: `/v1/predictions/${taskId}` });
    expect(api.last().headers.authorization).toBe(`Bearer ${TOKEN}`);

    prediction.status = "processing";
    expect(await replicate.getTask(taskId)).toEqual({ state: "running" });

    Object.assign(prediction, { status: "succeeded", output: "https://replicate.delivery/xezq/output.mp4" });
    expect(await replicate.getTask(taskId)).toEqual({
      state: "succeeded",
      videoUrl: "https://replicate.delivery/xezq/output.mp4",
    });
    prediction.output = ["https://replicate.delivery/xezq/first.mp4", "https://replicate.delivery/xezq/second.mp4"];
    expect(await replicate.getTask(taskId)).toEqual({
      state: "succeeded",
      videoUrl: "https://replicate.delivery/xezq/first.mp4",
    });

    Object.assign(prediction, { status: "failed", output: null, error: "CUDA out of memory" });
    expect(await replicate.getTask(taskId)).toEqual({ state: "failed", errorMessage: "CUDA out of memory" });

    Object.assign(prediction, { status: "canceled", error: null });
    expect(await replicate.getTask(taskId)).toEqual({ state: "failed", errorCode: "canceled" });
  });

  it("succeeded without output is a bad response", async () => {
    const { taskId } = await replicate.createTask(request);
    Object.assign(predictions.get(taskId) as Prediction, { status: "succeeded", output: null });
    expect(await providerError(replicate.getTask(taskId))).toMatchObject({ code: "bad_response", retryable: false });
  });
});

describe("errors", () => {
  it("a wrong token is unauthorized, not retryable, with Replicate's detail", async () => {
    const wrong = createReplicateProvider({ apiKey: "r8_wrong", baseUrl: api.baseUrl, timeoutMs: 1_500 });
    expect(await providerError(wrong.createTask(request))).toMatchObject({
      provider: "replicate",
      code: "unauthorized",
      retryable: false,
      status: 401,
      message: "You did not pass a valid authentication token",
    });
  });

  it("a refused version is bad_request, not retryable", async () => {
    const error = await providerError(
      replicate.createTask({ ...request, providerModel: "bytedance/seedance-1-pro:0ff" }),
    );
    expect(error).toMatchObject({ code: "bad_request", retryable: false, status: 422 });
  });

  it.each([
    [
      429,
      "rate_limited",
      problem(429, "Request was throttled", "Request was throttled. Expected available in 1 second."),
    ],
    [500, "unavailable", problem(500, "Internal Server Error", "Something went wrong")],
  ])("HTTP %i is %s and retryable", async (status, code, answer) => {
    api.failNext(answer);
    expect(await providerError(replicate.createTask(request))).toMatchObject({ code, retryable: true, status });
  });

  it("no answer within the timeout is retryable", async () => {
    api.failNext({ status: 200, json: { id: "late", status: "starting" }, delayMs: 4_000 });
    expect(await providerError(replicate.getTask("late"))).toMatchObject({ code: "unavailable", retryable: true });
  });

  it("garbage instead of JSON is a bad response and never shows the token", async () => {
    api.failNext({ status: 201, raw: `{"id": "oops", token: ${TOKEN}` });
    const error = await providerError(replicate.createTask(request));
    expect(error).toMatchObject({ code: "bad_response", retryable: false });
    expect(error.message).not.toContain(TOKEN);
  });
});

describe("parseCallback", () => {
  it("reads the prediction Replicate posts to the webhook", () => {
    const body = {
      id: "ufawqhfynnddngldkgtslldrkq",
      model: "google/veo-3",
      version: "hidden",
      input: { prompt: "A red fox" },
      logs: "",
      output: "https://replicate.delivery/xezq/output.mp4",
      data_removed: false,
      error: null,
      status: "succeeded",
      created_at: "2025-06-01T10:00:00.000Z",
      completed_at: "2025-06-01T10:01:30.000Z",
      urls: { get: "https://api.replicate.com/v1/predictions/ufawqhfynnddngldkgtslldrkq" },
      metrics: { predict_time: 88.1 },
    };
    expect(replicate.parseCallback(body)).toEqual({
      taskId: "ufawqhfynnddngldkgtslldrkq",
      claimed: { state: "succeeded", videoUrl: "https://replicate.delivery/xezq/output.mp4" },
    });
  });

  it.each([
    null,
    "succeeded",
    {},
    { status: "succeeded" },
    { id: "x", status: 3 },
    { id: "x", status: "failed", error: {} },
  ])("rejects %j as bad_callback", (body) => {
    expect(thrownProviderError(() => replicate.parseCallback(body))).toMatchObject({
      code: "bad_callback",
      retryable: false,
    });
  });
});

describe("verifyCallback (Standard Webhooks)", () => {
  const rawBody = JSON.stringify({ id: "ufawqhfynnddngldkgtslldrkq", status: "succeeded", output: "https://x/y.mp4" });
  const signed = (body: string, at: Date, secret = SECRET, id = "msg_2Lq1nA3") =>
    new Headers({
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, at, body),
    });
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

  it("accepts a delivery signed with our secret, also a few minutes late", () => {
    expect(replicate.verifyCallback(rawBody, signed(rawBody, new Date()))).toBe(true);
    expect(replicate.verifyCallback(rawBody, signed(rawBody, minutesAgo(4)))).toBe(true);
  });

  it("rejects a tampered body", () => {
    const headers = signed(rawBody, new Date());
    expect(replicate.verifyCallback(rawBody.replace("succeeded", "failed"), headers)).toBe(false);
  });

  it("rejects a signature made with another secret", () => {
    const other = `whsec_${randomBytes(24).toString("base64")}`;
    expect(replicate.verifyCallback(rawBody, signed(rawBody, new Date(), other))).toBe(false);
  });

  it("rejects a stale (replayed) or future timestamp", () => {
    expect(replicate.verifyCallback(rawBody, signed(rawBody, minutesAgo(6)))).toBe(false);
    expect(replicate.verifyCallback(rawBody, signed(rawBody, minutesAgo(-6)))).toBe(false);
  });

  it("rejects missing headers, and everything when no secret is configured", () => {
    expect(replicate.verifyCallback(rawBody, new Headers())).toBe(false);
    const unconfigured = createReplicateProvider({ apiKey: TOKEN, baseUrl: api.baseUrl, timeoutMs: 1_500 });
    expect(unconfigured.verifyCallback(rawBody, signed(rawBody, new Date()))).toBe(false);
  });
});
