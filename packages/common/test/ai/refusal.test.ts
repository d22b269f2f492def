import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvolinkProvider } from "../../src/ai/providers/evolink.ts";
import { createKieProvider } from "../../src/ai/providers/kie.ts";
import { createReplicateProvider } from "../../src/ai/providers/replicate.ts";
import type { VideoProvider } from "../../src/ai/types.ts";
import { baseRequest, type FakeApi, type FakeResponse, providerError, startFakeApi } from "./fake-api.ts";

// Which failures of a create call are definite refusals (the task does not exist, another provider
// may be tried) and which leave the task possibly alive. Every adapter answers the same way.
const adapters: [string, (baseUrl: string) => VideoProvider, string, FakeResponse][] = [
  [
    "kie",
    (baseUrl) => createKieProvider({ apiKey: "k", baseUrl, timeoutMs: 1_500 }),
    "kling-2.6/text-to-video",
    { status: 200, json: { code: 200, msg: "success", data: { taskId: "t1" } } },
  ],
  [
    "evolink",
    (baseUrl) => createEvolinkProvider({ apiKey: "e", baseUrl, timeoutMs: 1_500 }),
    "kling-v2-6",
    { status: 200, json: { id: "t1", status: "pending" } },
  ],
  [
    "replicate",
    (baseUrl) => createReplicateProvider({ apiKey: "r8_x", baseUrl, timeoutMs: 1_500 }),
    "bytedance/seedance-1-pro",
    { status: 201, json: { id: "t1", status: "starting", output: null } },
  ],
];

describe.each(adapters)("%s: what a failed create call says about the task", (_name, create, model, created) => {
  let api: FakeApi;
  let provider: VideoProvider;
  const request = { ...baseRequest, providerModel: model };

  beforeAll(async () => {
    api = await startFakeApi(() => created);
    provider = create(api.baseUrl);
  });
  afterAll(() => api.close());

  it.each<[string, FakeResponse]>([
    ["HTTP 400", { status: 400, json: { code: 400, msg: "bad", error: { message: "bad" }, detail: "bad" } }],
    ["HTTP 401", { status: 401, json: { code: 401, msg: "no", error: { message: "no" }, detail: "no" } }],
    ["HTTP 422", { status: 422, json: { code: 422, msg: "no", error: { message: "no" }, detail: "no" } }],
    ["HTTP 429", { status: 429, json: { code: 429, msg: "later", error: { message: "later" }, detail: "later" } }],
  ])("%s is a definite refusal", async (_label, answer) => {
    api.failNext(answer);
    expect(await providerError(provider.createTask(request))).toMatchObject({ definiteRefusal: true });
  });

  it.each<[string, FakeResponse]>([
    ["a timeout", { ...created, delayMs: 4_000 }],
    ["a reset connection", { status: 200, reset: true }],
    ["HTTP 500", { status: 500, raw: "Internal Server Error" }],
    ["HTTP 503", { status: 503, raw: "Service Unavailable" }],
    ["a 2xx that is not JSON", { status: 200, raw: "<html>ok</html>" }],
    ["a 2xx without a task id", { status: 200, json: { code: 200, data: {}, status: "pending" } }],
  ])("%s leaves the task possibly alive", async (_label, answer) => {
    api.failNext(answer);
    expect(await providerError(provider.createTask(request))).toMatchObject({ definiteRefusal: false });
  });

  it("a refused connection is a definite refusal: nothing was sent", async () => {
    const closed = await startFakeApi(() => created);
    await closed.close();
    const offline = create(closed.baseUrl);
    expect(await providerError(offline.createTask(request))).toMatchObject({
      code: "unavailable",
      retryable: true,
      definiteRefusal: true,
    });
  });
});

describe("explicit refusals in the body", () => {
  it("Kie's in-body 4xx codes and its 455 maintenance are refusals; its in-body 5xx are not", async () => {
    const api = await startFakeApi(() => ({ status: 200, json: { code: 200, data: { taskId: "t" } } }));
    const kie = createKieProvider({ apiKey: "k", baseUrl: api.baseUrl, timeoutMs: 1_500 });
    const request = { ...baseRequest, providerModel: "veo3_fast" };
    try {
      const outcomes: [number, boolean][] = [];
      for (const code of [401, 402, 422, 429, 455, 500, 501]) {
        api.failNext({ status: 200, json: { code, msg: "answer", data: null } });
        outcomes.push([code, (await providerError(kie.createTask(request))).definiteRefusal]);
      }
      expect(outcomes).toEqual([
        [401, true],
        [402, true],
        [422, true],
        [429, true],
        [455, true],
        [500, false],
        [501, false],
      ]);
      // A refusal without `data` is still a refusal.
      api.failNext({ status: 200, json: { code: 422, msg: "unsupported input" } });
      expect(await providerError(kie.createTask(request))).toMatchObject({
        code: "bad_request",
        definiteRefusal: true,
      });
    } finally {
      await api.close();
    }
  });

  it("Replicate: a model id it cannot take is refused before anything is sent", async () => {
    const replicate = createReplicateProvider({ apiKey: "r8_x", baseUrl: "http://127.0.0.1:9", timeoutMs: 1_500 });
    const error = await providerError(replicate.createTask({ ...baseRequest, providerModel: "not a model" }));
    expect(error).toMatchObject({ code: "bad_request", definiteRefusal: true });
  });
});
