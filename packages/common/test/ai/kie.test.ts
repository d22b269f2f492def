import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKieProvider } from "../../src/ai/providers/kie.ts";
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

const KEY = "kie-test-key-0123456789";
const HMAC_KEY = "kie-webhook-hmac-key";

// Kie's API as docs.kie.ai documents it: Bearer auth, and every answer is HTTP 200 with
// { code, msg, data } where `code` carries the outcome.
type VeoRecord = Record<string, unknown> & { successFlag: number };
type MarketRecord = Record<string, unknown> & { state: string };
const veoTasks = new Map<string, VeoRecord>();
const marketTasks = new Map<string, MarketRecord>();

const ok = (data: unknown): FakeResponse => ({ status: 200, json: { code: 200, msg: "success", data } });
const fail = (code: number, msg: string): FakeResponse => ({ status: 200, json: { code, msg, data: null } });

function kieApi(request: RecordedRequest): FakeResponse {
  if (request.headers.authorization !== `Bearer ${KEY}`) {
    return fail(401, "Unauthorized - Authentication credentials are missing or invalid");
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  const route = `${request.method} ${request.path}`;
  if (route === "POST /api/v1/veo/generate") {
    if (typeof body.prompt !== "string") return fail(422, "prompt is required");
    const taskId = randomBytes(16).toString("hex");
    veoTasks.set(taskId, {
      taskId,
      paramJson: JSON.stringify(body),
      completeTime: null,
      response: null,
      successFlag: 0,
      errorCode: null,
      errorMessage: "",
      createTime: "2025-06-06 10:25:00",
      fallbackFlag: false,
    });
    return ok({ taskId });
  }
  if (route === "GET /api/v1/veo/record-info") {
    const task = veoTasks.get(request.query.get("taskId") ?? "");
    return task ? ok(task) : fail(404, "Task not found");
  }
  if (route === "POST /api/v1/jobs/createTask") {
    const input = body.input as Record<string, unknown> | undefined;
    if (typeof body.model !== "string" || typeof input?.prompt !== "string")
      return fail(422, "model and input are required");
    const taskId = `task_${body.model}_${Date.now()}`;
    marketTasks.set(taskId, {
      taskId,
      model: body.model,
      state: "waiting",
      param: JSON.stringify(body),
      resultJson: null,
      failCode: null,
      failMsg: null,
      costTime: null,
      completeTime: null,
      createTime: 1757584164490,
    });
    return ok({ taskId });
  }
  if (route === "GET /api/v1/jobs/recordInfo") {
    const task = marketTasks.get(request.query.get("taskId") ?? "");
    return task ? ok(task) : fail(404, "Task not found");
  }
  return fail(404, "Not Found");
}

let api: FakeApi;
let kie: VideoProvider;

beforeAll(async () => {
  api = await startFakeApi(kieApi);
  kie = createKieProvider({ apiKey: KEY, baseUrl: api.baseUrl, timeoutMs: 1_500 });
});
afterAll(() => api.close());

const kieId = (taskId: string) => taskId.split(":")[1] ?? "";

describe("createTask", () => {
  it("submits a Veo text-to-video task to /api/v1/veo/generate", async () => {
    const { taskId } = await kie.createTask({ ...baseRequest, providerModel: "veo3_fast", durationSeconds: 8 });
    const sent = api.last();
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/api/v1/veo/generate");
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.headers["content-type"]).toBe("application/json");
    expect(sent.body).toEqual({
      prompt: baseRequest.prompt,
      model: "veo3_fast",
      aspect_ratio: "16:9",
      generationType: "TEXT_2_VIDEO",
      callBackUrl: baseRequest.callbackUrl,
    });
    expect(veoTasks.has(kieId(taskId))).toBe(true);
    expect(taskId).toBe(`veo:${kieId(taskId)}`);
  });

  it("sends the image of a Veo image-to-video task as its first frame", async () => {
    const imageUrl = "https://cdn.example.com/frame.png";
    await kie.createTask({ ...baseRequest, providerModel: "veo3", mode: "IMAGE_TO_VIDEO", imageUrl });
    expect(api.last().body).toMatchObject({
      model: "veo3",
      generationType: "FIRST_AND_LAST_FRAMES_2_VIDEO",
      imageUrls: [imageUrl],
    });
  });

  it("submits any other model to the Market's /api/v1/jobs/createTask", async () => {
    const { taskId } = await kie.createTask({
      ...baseRequest,
      providerModel: "kling-2.6/image-to-video",
      mode: "IMAGE_TO_VIDEO",
      imageUrl: "https://cdn.example.com/cat.png",
      negativePrompt: "blurry",
      durationSeconds: 10,
    });
    const sent = api.last();
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/api/v1/jobs/createTask");
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body).toEqual({
      model: "kling-2.6/image-to-video",
      callBackUrl: baseRequest.callbackUrl,
      input: {
        prompt: baseRequest.prompt,
        aspect_ratio: "16:9",
        duration: "10",
        negative_prompt: "blurry",
        resolution: "720p",
        image_urls: ["https://cdn.example.com/cat.png"],
      },
    });
    expect(taskId).toMatch(/^market:task_kling-2\.6\/image-to-video_\d+$/);
  });

  it("leaves out what was not asked for", async () => {
    const { callbackUrl: _, ...noCallback } = baseRequest;
    await kie.createTask({ ...noCallback, providerModel: "kling-2.6/text-to-video", quality: "standard" });
    expect(api.last().body).toEqual({
      model: "kling-2.6/text-to-video",
      input: { prompt: baseRequest.prompt, aspect_ratio: "16:9", duration: "5" },
    });
  });
});

describe("getTask", () => {
  it("maps Veo's successFlag: 0 running, 1 succeeded with the URL, 3 failed with the reason", async () => {
    const { taskId } = await kie.createTask({ ...baseRequest, providerModel: "veo3_fast" });
    const record = veoTasks.get(kieId(taskId)) as VeoRecord;
    expect(await kie.getTask(taskId)).toEqual({ state: "running" });
    expect(api.last()).toMatchObject({ method: "GET", path: "/api/v1/veo/record-info" });
    expect(api.last().query.get("taskId")).toBe(kieId(taskId));
    expect(api.last().headers.authorization).toBe(`Bearer ${KEY}`);

    Object.assign(record, {
      successFlag: 1,
      response: {
        taskId: kieId(taskId),
        resultUrls: ["http://example.com/video1.mp4"],
        originUrls: ["http://example.com/original_video1.mp4"],
        resolution: "1080p",
      },
    });
    expect(await kie.getTask(taskId)).toEqual({ state: "succeeded", videoUrl: "http://example.com/video1.mp4" });

    Object.assign(record, {
      successFlag: 3,
      response: null,
      errorCode: 400,
      errorMessage: "Your prompt was flagged by Website as violating content policies",
    });
    expect(await kie.getTask(taskId)).toEqual({
      state: "failed",
      errorCode: "400",
      errorMessage: "Your prompt was flagged by Website as violating content policies",
    });
  });

  it("maps the Market's state: waiting/queuing queued, generating running, success, fail", async () => {
    const { taskId } = await kie.createTask({ ...baseRequest, providerModel: "kling-2.6/text-to-video" });
    const record = marketTasks.get(kieId(taskId)) as MarketRecord;
    expect(await kie.getTask(taskId)).toEqual({ state: "queued" });
    expect(api.last()).toMatchObject({ method: "GET", path: "/api/v1/jobs/recordInfo" });
    expect(api.last().query.get("taskId")).toBe(kieId(taskId));

    record.state = "queuing";
    expect(await kie.getTask(taskId)).toEqual({ state: "queued" });
    record.state = "generating";
    expect(await kie.getTask(taskId)).toEqual({ state: "running" });

    Object.assign(record, {
      state: "success",
      resultJson: JSON.stringify({ resultUrls: ["https://static.aiquickdraw.com/tools/example/1.mp4"] }),
      costTime: 45000,
    });
    expect(await kie.getTask(taskId)).toEqual({
      state: "succeeded",
      videoUrl: "https://static.aiquickdraw.com/tools/example/1.mp4",
    });

    Object.assign(record, { state: "fail", resultJson: null, failCode: "501", failMsg: "Generation failed" });
    expect(await kie.getTask(taskId)).toEqual({ state: "failed", errorCode: "501", errorMessage: "Generation failed" });
  });

  it("treats success without a video URL, or an unknown state, as a bad response", async () => {
    const { taskId } = await kie.createTask({ ...baseRequest, providerModel: "kling-2.6/text-to-video" });
    const record = marketTasks.get(kieId(taskId)) as MarketRecord;
    Object.assign(record, { state: "success", resultJson: "{}" });
    expect(await providerError(kie.getTask(taskId))).toMatchObject({ code: "bad_response", retryable: false });
    record.state = "teleporting";
    expect(await providerError(kie.getTask(taskId))).toMatchObject({ code: "bad_response" });
  });

  it("refuses a task id that is not one of ours without calling Kie", async () => {
    const before = api.requests.length;
    expect(await providerError(kie.getTask("abc123"))).toMatchObject({ code: "bad_request", retryable: false });
    expect(api.requests.length).toBe(before);
  });
});

describe("errors", () => {
  const request = { ...baseRequest, providerModel: "veo3_fast" };

  it("a wrong key is unauthorized and not retryable", async () => {
    const wrong = createKieProvider({ apiKey: "not-the-key", baseUrl: api.baseUrl, timeoutMs: 1_500 });
    const error = await providerError(wrong.createTask(request));
    expect(error).toMatchObject({ provider: "kie", code: "unauthorized", retryable: false, status: 401 });
    expect(error.message).toContain("Authentication credentials");
  });

  it("never puts the key in an error, even when Kie echoes it", async () => {
    api.failNext(fail(401, `Invalid API key ${KEY}`));
    const error = await providerError(kie.createTask(request));
    expect(error.message).not.toContain(KEY);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it.each([
    [429, "rate_limited"],
    [455, "unavailable"],
    [500, "unavailable"],
  ])("code %i is %s and retryable", async (code, expected) => {
    api.failNext(fail(code, "Please try again later"));
    expect(await providerError(kie.createTask(request))).toMatchObject({
      code: expected,
      retryable: true,
      status: code,
    });
  });

  it.each([
    [402, "payment_required"],
    [422, "bad_request"],
  ])("code %i is %s and not retryable", async (code, expected) => {
    api.failNext(fail(code, "Refused"));
    expect(await providerError(kie.createTask(request))).toMatchObject({ code: expected, retryable: false });
  });

  it("an HTTP 5xx from a proxy in front of Kie is retryable too", async () => {
    api.failNext({ status: 502, raw: "<html>Bad Gateway</html>" });
    expect(await providerError(kie.getTask("veo:abc"))).toMatchObject({
      code: "unavailable",
      retryable: true,
      status: 502,
    });
  });

  it("no answer within the timeout is retryable", async () => {
    api.failNext({ ...ok({ taskId: "late" }), delayMs: 4_000 });
    const error = await providerError(kie.createTask(request));
    expect(error).toMatchObject({ code: "unavailable", retryable: true });
    expect(error.message).toContain("1500 ms");
  });

  it("no connection at all is retryable", async () => {
    const closed = await startFakeApi(kieApi);
    await closed.close();
    const offline = createKieProvider({ apiKey: KEY, baseUrl: closed.baseUrl, timeoutMs: 1_500 });
    expect(await providerError(offline.getTask("veo:abc"))).toMatchObject({ code: "unavailable", retryable: true });
  });

  it("a body that is not JSON, or not Kie's envelope, is a bad response", async () => {
    api.failNext({ status: 200, raw: "{ this is not json" });
    expect(await providerError(kie.createTask(request))).toMatchObject({ code: "bad_response", retryable: false });
    api.failNext({ status: 200, json: { code: 200, msg: "success", data: { id: 7 } } });
    expect(await providerError(kie.createTask(request))).toMatchObject({ code: "bad_response" });
  });
});

describe("parseCallback", () => {
  it("reads a Veo success callback", () => {
    const body = {
      code: 200,
      msg: "Veo3.1 video generated successfully.",
      data: {
        taskId: "veo_task_abcdef123456",
        info: {
          resultUrls: ["http://example.com/video1.mp4"],
          originUrls: ["http://example.com/original_video1.mp4"],
          resolution: "1080p",
        },
        fallbackFlag: false,
      },
    };
    expect(kie.parseCallback(body)).toEqual({
      taskId: "veo:veo_task_abcdef123456",
      claimed: { state: "succeeded", videoUrl: "http://example.com/video1.mp4" },
    });
  });

  it("reads a Veo failure callback", () => {
    const body = {
      code: 400,
      msg: "Your prompt was flagged by Website as violating content policies",
      data: { taskId: "veo_task_abcdef123456", fallbackFlag: false },
    };
    expect(kie.parseCallback(body)).toEqual({
      taskId: "veo:veo_task_abcdef123456",
      claimed: { state: "failed", errorCode: "400", errorMessage: body.msg },
    });
  });

  it("reads a Market callback, which has the shape of recordInfo's answer", () => {
    const body = {
      code: 200,
      msg: "success",
      data: {
        taskId: "281e5b0f39b9",
        model: "kling-2.6/text-to-video",
        state: "success",
        param: "{}",
        resultJson: '{"resultUrls":["https://static.aiquickdraw.com/tools/example/1.mp4"]}',
        failCode: null,
        failMsg: null,
        costTime: 45000,
        completeTime: 1698765432000,
        createTime: 1698765400000,
      },
    };
    expect(kie.parseCallback(body)).toEqual({
      taskId: "market:281e5b0f39b9",
      claimed: { state: "succeeded", videoUrl: "https://static.aiquickdraw.com/tools/example/1.mp4" },
    });
  });

  it.each([null, "ok", {}, { code: 200 }, { code: 200, data: { taskId: "" } }, { data: { state: "success" } }])(
    "rejects %j as bad_callback",
    (body) => {
      expect(thrownProviderError(() => kie.parseCallback(body))).toMatchObject({
        code: "bad_callback",
        retryable: false,
      });
    },
  );
});

describe("verifyCallback", () => {
  const rawBody = JSON.stringify({ code: 200, msg: "success", data: { taskId: "task_42", state: "success" } });
  const sign = (taskId: string, timestamp: number, key = HMAC_KEY) =>
    createHmac("sha256", key).update(`${taskId}.${timestamp}`).digest("base64");
  const headers = (timestamp: number, signature: string) =>
    new Headers({ "x-webhook-timestamp": String(timestamp), "x-webhook-signature": signature });
  const signing = () =>
    createKieProvider({ apiKey: KEY, baseUrl: api.baseUrl, timeoutMs: 1_500, webhookHmacKey: HMAC_KEY });
  const now = () => Math.floor(Date.now() / 1000);

  it("accepts any callback when no HMAC key is configured (the signed URL authenticates it)", () => {
    expect(kie.verifyCallback(rawBody, new Headers())).toBe(true);
  });

  it("accepts a callback signed as Kie documents: base64 HMAC-SHA256 of taskId.timestamp", () => {
    const t = now();
    expect(signing().verifyCallback(rawBody, headers(t, sign("task_42", t)))).toBe(true);
  });

  it("rejects a wrong key, another task's signature, a stale timestamp and missing headers", () => {
    const t = now();
    const provider = signing();
    expect(provider.verifyCallback(rawBody, headers(t, sign("task_42", t, "other-key")))).toBe(false);
    expect(provider.verifyCallback(rawBody, headers(t, sign("task_43", t)))).toBe(false);
    const stale = t - 10 * 60;
    expect(provider.verifyCallback(rawBody, headers(stale, sign("task_42", stale)))).toBe(false);
    expect(provider.verifyCallback(rawBody, new Headers())).toBe(false);
    expect(provider.verifyCallback("not json", headers(t, sign("task_42", t)))).toBe(false);
  });
});
