import { randomUUID } from "node:crypto";
import { generateVideo, getBalance, grantCredits, signedCallbackUrl } from "@videofly/common";
import { db, disconnectDb } from "@videofly/db";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer, TEST_SECRETS } from "./support/app-server";

// Provider callbacks against an app whose demo provider "renders" for an hour, so a callback that
// arrives before the render is done is one by construction, not by a sleep racing a timer. The
// demo task id carries its start time: rewriting it in the database is the provider finishing.
const HOUR = 3_600_000;
let app: AppServer;
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_callback");
  app = await startAppServer({ DATABASE_URL: databaseUrl, DEMO_PROVIDER: "on", DEMO_PROVIDER_DELAY_MS: String(HOUR) });
  // This process starts the generations (as the API would) on the server's database, and signs
  // the callback URLs the server hands out: the same configuration, read on first use.
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: "3",
    APP_URL: app.baseUrl,
    VIDEO_CALLBACK_SECRET: TEST_SECRETS.VIDEO_CALLBACK_SECRET,
    DEMO_PROVIDER: "on",
  });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await disconnectDb();
  await dropDatabase(databaseUrl);
});

const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO" as const,
  prompt: "a paper plane over a city",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
};

async function startedVideo() {
  const userId = `usr_callback_${randomUUID().slice(0, 8)}`;
  await db().user.create({ data: { id: userId, name: "callback", email: `${userId}@example.com` } });
  await grantCredits({ userId, source: "PURCHASE", grantKey: `test:${userId}`, credits: 10, expiresAt: null });
  const video = await generateVideo(userId, kling);
  expect(video).toMatchObject({ status: "GENERATING", provider: "demo" });
  return { userId, uuid: video.uuid, taskId: video.providerTaskId ?? "" };
}

/** Everything a callback could change: the video, its hold, the owner's packages, ledger and balance. */
async function stateOf(userId: string, uuid: string) {
  const { nextCheckAt: _next, updatedAt: _updated, ...video } = await db().video.findUniqueOrThrow({ where: { uuid } });
  return {
    video,
    holds: await db().creditHold.findMany({ where: { userId } }),
    packages: await db().creditPackage.findMany({ where: { userId } }),
    ledger: await db().creditTransaction.findMany({ where: { userId }, orderBy: { seq: "asc" } }),
    balance: await getBalance(userId),
  };
}

const post = (target: string, body: unknown) =>
  fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("POST /api/v1/video/callback/<provider>", () => {
  it("refuses forged, misdirected and malformed callbacks, changing nothing", async () => {
    const { userId, uuid, taskId } = await startedVideo();
    const url = new URL(signedCallbackUrl("demo", uuid));
    const before = await stateOf(userId, uuid);

    const forged = new URL(url);
    forged.searchParams.set("sig", "0".repeat(64));
    const otherVideo = new URL(url);
    otherVideo.searchParams.set("video", randomUUID());
    const expired = new URL(signedCallbackUrl("demo", uuid, Date.now() - 49 * HOUR));
    expect((await post(forged.toString(), { taskId })).status).toBe(401);
    expect((await post(otherVideo.toString(), { taskId })).status).toBe(401);
    expect((await post(expired.toString(), { taskId })).status).toBe(401);
    expect((await post(url.toString(), { taskId: "demo_1_ok_abcdef" })).status).toBe(404);
    expect((await post(url.toString(), { nothing: true })).status).toBe(400);
    expect(await stateOf(userId, uuid)).toEqual(before);
  });

  it("changes nothing when it arrives before the render is done, and completes the video once after", async () => {
    const { userId, uuid, taskId } = await startedVideo();
    const url = signedCallbackUrl("demo", uuid);
    const before = await stateOf(userId, uuid);
    expect(before.video.status).toBe("GENERATING");
    expect(before.holds.map((h) => h.status)).toEqual(["HELD"]);
    expect(before.balance).toMatchObject({ available: 9, frozen: 1 });

    // Genuine, but the provider says "running": only the next poll is rescheduled.
    expect((await post(url, { taskId })).status).toBe(200);
    expect((await post(url, { taskId })).status).toBe(200);
    expect(await stateOf(userId, uuid)).toEqual(before);

    // The provider finishes (its task started two hours ago); the callback completes the video
    // without the poll job, and settles the hold exactly once however often it comes.
    const finished = taskId.replace(/^demo_\d+_/, `demo_${Date.now() - 2 * HOUR}_`);
    await db().video.update({ where: { uuid }, data: { providerTaskId: finished } });
    const results = await Promise.all([1, 2, 3].map(() => post(url, { taskId: finished })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const after = await stateOf(userId, uuid);
    expect(after.video).toMatchObject({ status: "COMPLETED", providerTaskId: finished });
    expect(after.video.storageKey).toMatch(new RegExp(`^videos/${uuid}/`));
    expect(after.holds.map((h) => h.status)).toEqual(["SETTLED"]);
    expect(after.balance).toMatchObject({ available: 9, frozen: 0 });
    expect(after.ledger.map((e) => e.type)).toEqual(["GRANT", "HOLD", "SETTLE"]);

    expect((await post(url, { taskId: finished })).status).toBe(200);
    expect(await stateOf(userId, uuid)).toEqual(after);
  });
});
