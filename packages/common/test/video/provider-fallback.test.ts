import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { db, pool } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileCredits } from "../../src/credits/index.ts";
import { generateVideo, processDueVideos, receiveVideoCallback } from "../../src/video/index.ts";
import { type FakeApi, type FakeResponse, type RecordedRequest, startFakeApi } from "../ai/fake-api.ts";
import { klingSpec, userWithCredits } from "./support.ts";

// Kling 2.6 is served by Kie first, then EvoLink. Both are fakes of their documented HTTP APIs; Kie
// records every task it is sent, whatever it answers, as a real provider whose answer got lost would.
const SAMPLE = readFileSync(path.resolve(import.meta.dirname, "../../../../apps/nextjs/public/demo/sample.mp4"));

type KieAnswer =
  | "ok"
  | "timeout"
  | "reset"
  | "http 500"
  | "code 500"
  | "not json"
  | "http 400"
  | "code 401"
  | "code 422"
  | "http 429";
let kieAnswer: KieAnswer = "ok";
let evolinkRefuses = false;
let taskCount = 0;
const kieTasks = new Map<string, { state: string; resultJson?: string }>();
let kie: FakeApi;
let evolink: FakeApi;
let fileServer: Server;
let fileUrl: string;

const kieOk = (data: unknown): FakeResponse => ({ status: 200, json: { code: 200, msg: "success", data } });
const kieCode = (code: number): FakeResponse => ({ status: 200, json: { code, msg: "refused", data: null } });

function kieAnswerFor(taskId: string): FakeResponse {
  switch (kieAnswer) {
    case "ok":
      return kieOk({ taskId });
    case "timeout":
      return { ...kieOk({ taskId }), delayMs: 4000 };
    case "reset":
      return { status: 200, reset: true };
    case "http 500":
      return { status: 500, raw: "Internal Server Error" };
    case "code 500":
      return kieCode(500);
    case "not json":
      return { status: 200, raw: "<html>accepted</html>" };
    case "http 400":
      return { status: 400, json: { code: 400, msg: "bad request" } };
    case "code 401":
      return kieCode(401);
    case "code 422":
      return kieCode(422);
    case "http 429":
      return { status: 429, json: { code: 429, msg: "slow down" } };
  }
}

function kieApi(request: RecordedRequest): FakeResponse {
  if (request.method === "POST" && request.path === "/api/v1/jobs/createTask") {
    const refused = ["http 400", "code 401", "code 422", "http 429"].includes(kieAnswer);
    taskCount += 1;
    const taskId = `task_${taskCount}`;
    if (!refused) kieTasks.set(taskId, { state: "generating" });
    return kieAnswerFor(taskId);
  }
  if (request.method === "GET" && request.path === "/api/v1/jobs/recordInfo") {
    const taskId = request.query.get("taskId") ?? "";
    const task = kieTasks.get(taskId);
    return task ? kieOk({ taskId, ...task }) : kieCode(404);
  }
  return { status: 404, json: { code: 404, msg: "no such route" } };
}

function evolinkApi(request: RecordedRequest): FakeResponse {
  if (request.method === "POST" && request.path === "/v1/videos/generations") {
    if (evolinkRefuses) return { status: 401, json: { error: { message: "invalid key" } } };
    taskCount += 1;
    return { status: 200, json: { id: `ev_${taskCount}`, status: "pending" } };
  }
  return { status: 200, json: { id: request.path.split("/").at(-1), status: "processing" } };
}

beforeAll(async () => {
  [kie, evolink] = await Promise.all([startFakeApi(kieApi), startFakeApi(evolinkApi)]);
  fileServer = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "video/mp4", "content-length": String(SAMPLE.length) });
    res.end(SAMPLE);
  });
  await new Promise<void>((resolve) => fileServer.listen(0, "127.0.0.1", resolve));
  fileUrl = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}/result.mp4`;
  Object.assign(process.env, {
    DEMO_PROVIDER: "off",
    KIE_API_KEY: "kie-test-key",
    KIE_BASE_URL: kie.baseUrl,
    EVOLINK_API_KEY: "evolink-test-key",
    EVOLINK_BASE_URL: evolink.baseUrl,
    PROVIDER_TIMEOUT_MS: "1500",
    VIDEO_POLL_INTERVAL_MS: "1",
    VIDEO_MAX_CONCURRENT: "50",
    VIDEO_UNCONFIRMED_TASK_MINUTES: "30",
    STORAGE_LOCAL_DIR: mkdtempSync(path.join(tmpdir(), "videofly-fallback-")),
    // The provider's file is on this machine's loopback.
    OUTBOUND_ALLOW_PRIVATE: "true",
  });
});

afterAll(async () => {
  fileServer.closeAllConnections();
  await Promise.all([kie.close(), evolink.close(), new Promise((resolve) => fileServer.close(resolve))]);
});

const kling = klingSpec("a lighthouse in a storm");

const creates = (api: FakeApi) => api.requests.filter((r) => r.method === "POST").length;
const lookups = (api: FakeApi) => api.requests.filter((r) => r.method === "GET").length;

const richUser = () => userWithCredits("fallback", 100);

async function holdOf(uuid: string) {
  const hold = await db().creditHold.findUniqueOrThrow({ where: { reference: `video:${uuid}` } });
  const entries = await db().creditTransaction.groupBy({ by: ["type"], where: { holdId: hold.id }, _count: true });
  return { status: hold.status, entries: Object.fromEntries(entries.map((e) => [e.type, e._count])) };
}

/** The callback Kie would send for the last task it was sent, to the URL it was given. */
function kieCallback(taskId: string, state: string) {
  const body = kie.requests.filter((r) => r.method === "POST").at(-1)?.body as { callBackUrl: string };
  const url = new URL(body.callBackUrl);
  const rawBody = JSON.stringify({ code: 200, msg: "ok", data: { taskId, state, resultJson: null } });
  return () =>
    receiveVideoCallback({ provider: "kie", searchParams: url.searchParams, rawBody, headers: new Headers() });
}

/** Generates with Kie answering `answer`; returns the video and the id of the task Kie recorded. */
async function generateWith(answer: KieAnswer) {
  const userId = await richUser();
  kieAnswer = answer;
  const video = await generateVideo(userId, kling);
  kieAnswer = "ok";
  return { userId, video, kieTaskId: `task_${taskCount}` };
}

describe("a provider is tried at most once per task", () => {
  it.each<KieAnswer>(["timeout", "reset", "http 500", "code 500", "not json"])(
    "after an ambiguous answer (%s) the task stays with the first provider",
    async (answer) => {
      const [kieBefore, evolinkBefore] = [creates(kie), creates(evolink)];
      const { video } = await generateWith(answer);
      // A timed-out request may be recorded by the fake after our side gave up: wait for it.
      await expect.poll(() => creates(kie), { timeout: 10_000 }).toBe(kieBefore + 1);
      expect(creates(evolink)).toBe(evolinkBefore);
      expect(video).toMatchObject({ status: "GENERATING", provider: "kie", providerTaskId: null });
      expect((await holdOf(video.uuid)).status).toBe("HELD");
    },
  );

  it.each<KieAnswer>(["http 400", "code 401", "code 422", "http 429"])(
    "after a definite refusal (%s) the next provider is tried",
    async (answer) => {
      const [kieBefore, evolinkBefore] = [creates(kie), creates(evolink)];
      const { video } = await generateWith(answer);
      expect([creates(kie), creates(evolink)]).toEqual([kieBefore + 1, evolinkBefore + 1]);
      expect(video).toMatchObject({ status: "GENERATING", provider: "evolink" });
      expect(video.providerTaskId).toMatch(/^ev_/);
    },
  );

  it("when every provider refuses: 502 E5001 naming the video, which is FAILED, and nothing is spent", async () => {
    const userId = await richUser();
    kieAnswer = "code 422";
    evolinkRefuses = true;
    const caught = await generateVideo(userId, kling).then(
      () => undefined,
      (error: unknown) => error,
    );
    kieAnswer = "ok";
    evolinkRefuses = false;
    expect(caught).toMatchObject({ code: "E5001", status: 502 });
    const { videoUuid } = (caught as { details: { videoUuid: string } }).details;
    expect(await db().video.findUniqueOrThrow({ where: { uuid: videoUuid } })).toMatchObject({
      userId,
      status: "FAILED",
      errorCode: "E5001",
    });
    expect(await holdOf(videoUuid)).toEqual({ status: "RELEASED", entries: { HOLD: 1, RELEASE: 1 } });
    expect(await db().creditPackage.findFirstOrThrow({ where: { userId } })).toMatchObject({
      remainingCredits: 100,
      frozenCredits: 0,
    });
  });

  it("the provider's callback names the unconfirmed task, which then completes and settles exactly once", async () => {
    const { video, kieTaskId } = await generateWith("reset");
    // The poll job has no task to ask about: it leaves the video alone, asking Kie nothing.
    const asked = lookups(kie);
    await pool().query(`UPDATE video SET "nextCheckAt" = now() WHERE uuid = $1`, [video.uuid]);
    await processDueVideos();
    expect(lookups(kie)).toBe(asked);
    expect(await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).toMatchObject({
      status: "GENERATING",
      providerTaskId: null,
    });

    kieTasks.set(kieTaskId, { state: "success", resultJson: JSON.stringify({ resultUrls: [fileUrl] }) });
    const callback = kieCallback(kieTaskId, "success");
    // Two deliveries of the callback and the poll job, at once.
    const results = await Promise.allSettled([callback(), callback(), processDueVideos()]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    await processDueVideos();
    expect(await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).toMatchObject({
      status: "COMPLETED",
      providerTaskId: `market:${kieTaskId}`,
    });
    expect(await holdOf(video.uuid)).toEqual({ status: "SETTLED", entries: { HOLD: 1, SETTLE: 1 } });
    // Another task named for the same video is not its task.
    await expect(kieCallback("task_other", "success")()).rejects.toMatchObject({ code: "E4006" });
    expect((await reconcileCredits()).filter((p) => p.userId === video.userId)).toEqual([]);
  });

  it("binds one task only when callbacks name different tasks at once", async () => {
    const { video, kieTaskId } = await generateWith("http 500");
    const decoy = "task_decoy";
    kieTasks.set(decoy, { state: "generating" });
    const results = await Promise.allSettled([
      kieCallback(kieTaskId, "generating")(),
      kieCallback(decoy, "generating")(),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const winner = results[0]?.status === "fulfilled" ? kieTaskId : decoy;
    expect(await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).toMatchObject({
      status: "GENERATING",
      providerTaskId: `market:${winner}`,
    });
  });

  it("without a callback within VIDEO_UNCONFIRMED_TASK_MINUTES the video fails and is released, once", async () => {
    const { video, kieTaskId } = await generateWith("timeout");
    await processDueVideos();
    expect((await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).status).toBe("GENERATING");
    // The window has passed (31 of 30 minutes), and two poll jobs look at once.
    await pool().query(
      `UPDATE video SET "startedAt" = now() - interval '31 minutes', "nextCheckAt" = now() WHERE uuid = $1`,
      [video.uuid],
    );
    await Promise.all([processDueVideos(), processDueVideos()]);
    expect(await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).toMatchObject({
      status: "FAILED",
      errorCode: "E5001",
    });
    expect(await holdOf(video.uuid)).toEqual({ status: "RELEASED", entries: { HOLD: 1, RELEASE: 1 } });
    // A callback after that changes nothing: the user was not charged and will not be.
    await expect(kieCallback(kieTaskId, "success")()).rejects.toMatchObject({ code: "E4006" });
    expect((await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).status).toBe("FAILED");
  });
});
