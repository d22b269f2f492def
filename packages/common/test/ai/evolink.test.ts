import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvolinkProvider } from "../../src/ai/providers/evolink.ts";
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

const KEY = "sk-evo-test-0123456789";

// EvoLink's API as docs.evolink.ai documents it: Bearer auth, HTTP statuses, errors as
// { error: { code, message, type } }, and tasks as one object everywhere.
type Task = Record<string, unknown> & { id: string; status: string };
const tasks = new Map<string, Task>();

const error = (status: number, message: string, type: string): FakeResponse => ({
  status,
  json: { error: { code: status, message, type } },
});

function evolinkApi(request: RecordedRequest): FakeResponse {
  if (request.headers.authorization !== `Bearer ${KEY}`) {
    return error(401, "Invalid or expired API key", "authentication_error");
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (request.method === "POST" && request.path === "/v1/videos/generations") {
    if (typeof body.model !== "string" || typeof body.prompt !== "string") {
      return error(400, "Invalid prompt parameter", "invalid_request_error");
    }
    const created = Math.floor(Date.now() / 1000);
    const task: Task = {
      created,
      id: `task-unified-${created}-${randomBytes(4).toString("hex")}`,
      model: body.model,
      object: "video.generation.task",
      progress: 0,
      status: "pending",
      task_info: { can_cancel: true, estimated_time: 180 },
      type: "video",
      usage: { billing_rule: "per_call", credits_reserved: 10, user_group: "default" },
    };
    tasks.set(task.id, task);
    return { status: 200, json: task };
  }
  const match = /^\/v1\/tasks\/([^/]+)$/.exec(request.path);
  if (request.method === "GET" && match?.[1]) {
    const task = tasks.get(decodeURIComponent(match[1]));
    return task ? { status: 200, json: task } : error(404, "Task not found", "not_found_error");
  }
  return error(404, "Not found", "not_found_error");
}

let api: FakeApi;
let evolink: VideoProvider;

beforeAll(async () => {
  api = await startFakeApi(evolinkApi);
  evolink = createEvolinkProvider({ apiKey: KEY, baseUrl: api.baseUrl, timeoutMs: 1_500 });
});
afterAll(() => api.close());

const request = { ...baseRequest, providerModel: "seedance-2.0-text-to-video" };

describe("createTask", () => {
  it("posts the task to /v1/videos/generations and returns its id", async () => {
    const { taskId } = await evolink.createTask({ ...request, negativePrompt: "text overlays" });
    const sent = api.last();
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/v1/videos/generations");
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body).toEqual({
      model: "seedance-2.0-text-to-video",
      prompt: baseRequest.prompt,
      duration: 5,
      quality: "720p",
      aspect_ratio: "16:9",
      negative_prompt: "text overlays",
      callback_url: baseRequest.callbackUrl,
    });
    expect(tasks.has(taskId)).toBe(true);
  });

  it("sends the image of an image-to-video task as image_urls", async () => {
    const imageUrl = "https://cdn.example.com/frame.png";
    const { callbackUrl: _, ...noCallback } = request;
    await evolink.createTask({ ...noCallback, mode: "IMAGE_TO_VIDEO", imageUrl });
    expect(api.last().body).toEqual({
      model: "seedance-2.0-text-to-video",
      prompt: baseRequest.prompt,
      duration: 5,
      quality: "720p",
      aspect_ratio: "16:9",
      image_urls: [imageUrl],
    });
  });
});

describe("getTask", () => {
  it("maps pending, processing, completed (with the URL) and failed (with the error)", async () => {
    const { taskId } = await evolink.createTask(request);
    const task = tasks.get(taskId) as Task;
    expect(await evolink.getTask(taskId)).toEqual({ state: "queued" });
    expect(api.last()).toMatchObject({ method: "GET", path: `/v1/tasks/${taskId}` });
    expect(api.last().headers.authorization).toBe(`Bearer ${KEY}`);

    Object.assign(task, { status: "processing", progress: 40 });
    expect(await evolink.getTask(taskId)).toEqual({ state: "running", progress: 40 });

    Object.assign(task, { status: "completed", progress: 100, results: ["https://files.evolink.ai/video.mp4"] });
    expect(await evolink.getTask(taskId)).toEqual({
      state: "succeeded",
      videoUrl: "https://files.evolink.ai/video.mp4",
    });

    Object.assign(task, {
      status: "failed",
      progress: 0,
      results: undefined,
      error: {
        code: "content_policy_violation",
        message: "Prompt triggered content safety review",
        type: "task_error",
      },
    });
    expect(await evolink.getTask(taskId)).toEqual({
      state: "failed",
      errorCode: "content_policy_violation",
      errorMessage: "Prompt triggered content safety review",
    });
  });

  it("a completed task without results is a bad response", async () => {
    const { taskId } = await evolink.createTask(request);
    Object.assign(tasks.get(taskId) as Task, { status: "completed", results: [] });
    expect(await providerError(evolink.getTask(taskId))).toMatchObject({ code: "bad_response", retryable: false });
  });

  it("an unknown task is not_found", async () => {
    const error = await providerError(evolink.getTask("task-unified-0-missing"));
    expect(error).toMatchObject({ code: "not_found", retryable: false, status: 404, message: "Task not found" });
  });
});

describe("errors", () => {
  it("a wrong key is unauthorized, not retryable, with EvoLink's message", async () => {
    const wrong = createEvolinkProvider({ apiKey: "sk-evo-wrong", baseUrl: api.baseUrl, timeoutMs: 1_500 });
    expect(await providerError(wrong.createTask(request))).toMatchObject({
      provider: "evolink",
      code: "unauthorized",
      retryable: false,
      status: 401,
      message: "Invalid or expired API key",
    });
  });

  it("a refused request is bad_request and never shows the key", async () => {
    api.failNext(error(400, `Invalid prompt parameter (key ${KEY})`, "invalid_request_error"));
    const refused = await providerError(evolink.createTask(request));
    expect(refused).toMatchObject({ code: "bad_request", retryable: false, status: 400 });
    expect(refused.message).not.toContain(KEY);
  });

  it.each([
    [429, "rate_limited", "Rate limit exceeded", "rate_limit_error"],
    [500, "unavailable", "Internal server error", "internal_server_error"],
    [503, "unavailable", "Service temporarily unavailable", "service_unavailable_error"],
  ])("HTTP %i is %s and retryable", async (status, code, message, type) => {
    api.failNext(error(status, message, type));
    expect(await providerError(evolink.createTask(request))).toMatchObject({ code, retryable: true, status, message });
  });

  it("no answer within the timeout is retryable", async () => {
    api.failNext({ status: 200, json: { id: "late", status: "pending" }, delayMs: 4_000 });
    expect(await providerError(evolink.getTask("late"))).toMatchObject({ code: "unavailable", retryable: true });
  });

  it("a body that is not JSON is a bad response", async () => {
    api.failNext({ status: 200, raw: "<html>oops</html>" });
    expect(await providerError(evolink.createTask(request))).toMatchObject({ code: "bad_response", retryable: false });
  });
});

describe("parseCallback", () => {
  it("reads the task object EvoLink posts to callback_url", () => {
    const body = {
      id: "task-unified-1756817821-4x3rx6ny",
      object: "video.generation.task",
      created: 1756817821,
      model: "seedance-2.0",
      status: "completed",
      progress: 100,
      results: ["https://cdn.example.com/videos/task-unified-1756817821-4x3rx6ny.mp4"],
      type: "video",
      task_info: { can_cancel: false },
    };
    expect(evolink.parseCallback(body)).toEqual({
      taskId: "task-unified-1756817821-4x3rx6ny",
      claimed: { state: "succeeded", videoUrl: "https://cdn.example.com/videos/task-unified-1756817821-4x3rx6ny.mp4" },
    });
  });

  it("reads a failed one", () => {
    const body = {
      id: "task-unified-1",
      object: "video.generation.task",
      status: "failed",
      progress: 0,
      type: "video",
    };
    expect(evolink.parseCallback(body)).toEqual({
      taskId: "task-unified-1",
      claimed: { state: "failed", errorCode: "failed" },
    });
  });

  it.each([null, [], "completed", {}, { status: "completed" }, { id: 5, status: "completed" }])(
    "rejects %j as bad_callback",
    (body) => {
      expect(thrownProviderError(() => evolink.parseCallback(body))).toMatchObject({
        code: "bad_callback",
        retryable: false,
      });
    },
  );

  it("has no signature to check: the signed callback URL authenticates EvoLink", () => {
    expect(evolink.verifyCallback("{}", new Headers())).toBe(true);
  });
});
