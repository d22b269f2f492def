import { randomUUID } from "node:crypto";
import { grantCredits } from "@videofly/common";
import { db } from "@videofly/db";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { TEST_SECRETS } from "./support/app-server";
import { api, baseUrl, signUp } from "./support/http";
import { sdk } from "./support/sdk";

// User B aims every video and credit route at user A's resources on the shared app. Credits come
// from the engine on the app's database (not from a sign-up bonus), so this needs nothing else.
process.env.DATABASE_URL = inject("appDatabaseUrl");
process.env.DATABASE_POOL_MAX = "3";

interface User {
  cookie: string;
  userId: string;
}
interface VideoView {
  uuid: string;
  status: string;
  visibility: string;
  videoUrl: string | null;
}

const call = <T = unknown>(user: User, path: string, init: { method?: string; body?: unknown } = {}) =>
  api<T>(path, {
    method: init.method ?? "GET",
    headers: {
      cookie: user.cookie,
      origin: baseUrl(),
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO" as const,
  prompt: "a lighthouse in a storm",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
};

/** Runs the poll job until the videos are COMPLETED; each round makes them due, so no poll interval is waited out. */
async function completeAll(owner: User, uuids: string[]) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await db().video.updateMany({
      where: { uuid: { in: uuids }, status: { in: ["GENERATING", "UPLOADING"] } },
      data: { nextCheckAt: new Date() },
    });
    await fetch(`${baseUrl()}/api/cron/process-videos`, {
      headers: { authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` },
    });
    const statuses = await Promise.all(
      uuids.map(async (uuid) => (await call<VideoView>(owner, `/api/v1/video/${uuid}/status`)).body.data?.status),
    );
    if (statuses.every((s) => s === "COMPLETED")) return;
    if (Date.now() > deadline) throw new Error(`videos did not complete: ${statuses.join(", ")}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

let a: User;
let b: User;
let shown: string; // COMPLETED
let failed: string; // FAILED after the provider finished, so it can be retried

beforeAll(async () => {
  const tag = randomUUID().slice(0, 8);
  [a, b] = await Promise.all([signUp(`cross-a-${tag}@example.com`), signUp(`cross-b-${tag}@example.com`)]);
  for (const [user, credits] of [
    [a, 100],
    [b, 10],
  ] as const) {
    await grantCredits({
      userId: user.userId,
      source: "PURCHASE",
      grantKey: `test:cross-user:${user.userId}`,
      credits,
      expiresAt: null,
    });
  }
  const created = await Promise.all([1, 2].map(() => sdk(a).POST("/video/generate", { body: kling })));
  for (const c of created) expect(c.response.status).toBe(201);
  [shown, failed] = created.map((c) => c.data?.data.uuid ?? "") as [string, string];
  await completeAll(a, [shown, failed]);
  // A copy that failed after the provider finished: the state `retry` acts on.
  await db().video.update({
    where: { uuid: failed },
    data: { status: "FAILED", storageKey: null, completedAt: null, errorCode: "E5002", errorMessage: "copy failed" },
  });
}, 90_000);

/** Everything A can see of A's own, read as A; signed URLs change on every read, so only their presence counts. */
async function seenByA() {
  const video = async (uuid: string) => {
    const { response, data } = await sdk(a).GET("/video/{uuid}", { params: { path: { uuid } } });
    const signed = { videoUrl: Boolean(data?.data.videoUrl), posterUrl: Boolean(data?.data.posterUrl) };
    return { status: response.status, data: { ...data?.data, ...signed } };
  };
  const list = await call<{ items: VideoView[] }>(a, "/api/v1/video/list");
  return {
    shown: await video(shown),
    failed: await video(failed),
    statuses: await Promise.all([shown, failed].map(async (u) => (await call(a, `/api/v1/video/${u}/status`)).body)),
    list: list.body.data?.items.map((v) => [v.uuid, v.status, v.visibility]),
    balance: (await sdk(a).GET("/credit/balance")).data?.data,
    packages: (await call(a, "/api/v1/credit/packages")).body.data,
    history: (await call(a, "/api/v1/credit/history?limit=100")).body.data,
    rows: await db().video.findMany({ where: { uuid: { in: [shown, failed] } }, orderBy: { uuid: "asc" } }),
    holds: await db().creditHold.findMany({ where: { userId: a.userId }, orderBy: { reference: "asc" } }),
  };
}

describe("one user on another's resources", () => {
  it("sees only their own balance, packages and history, and cannot use the admin routes", async () => {
    const before = await seenByA();
    const aPackages = (before.packages as { items: { id: string }[] }).items.map((p) => p.id);
    const aEntries = (before.history as { items: { id: string }[] }).items.map((e) => e.id);
    expect(aPackages.length).toBeGreaterThan(0);
    expect(aEntries.length).toBeGreaterThan(0);

    // B's own packages, from the database: what B's answers must be made of, and nothing else.
    const own = await db().creditPackage.findMany({ where: { userId: b.userId, status: "ACTIVE" } });
    const ownEntries = await db().creditTransaction.findMany({ where: { userId: b.userId } });
    for (const query of ["", `?userId=${a.userId}`]) {
      const balance = await call<{ available: number; frozen: number }>(b, `/api/v1/credit/balance${query}`);
      expect(balance.body.data).toMatchObject({
        available: own.reduce((n, p) => n + p.remainingCredits, 0),
        frozen: 0,
      });
      const packages = await call<{ items: { id: string; userId: string }[] }>(b, `/api/v1/credit/packages${query}`);
      expect(packages.body.data?.items.map((p) => p.id).sort()).toEqual(own.map((p) => p.id).sort());
      const history = await call<{ items: { id: string }[] }>(b, `/api/v1/credit/history${query}`);
      expect(history.body.data?.items.map((e) => e.id).sort()).toEqual(ownEntries.map((e) => e.id).sort());
    }

    const admin: [string, string, unknown?][] = [
      ["POST", "/api/v1/admin/credits", { userId: a.userId, credits: 1000, reason: "not an admin" }],
      ["POST", "/api/v1/admin/credits", { userId: a.userId, credits: -50, reason: "not an admin" }],
      ["POST", "/api/v1/admin/credits", { userId: b.userId, credits: 1000, reason: "not an admin" }],
      ["GET", "/api/v1/admin/users"],
      ["GET", "/api/v1/admin/stats"],
    ];
    for (const [method, path, body] of admin) {
      const res = await call(b, path, { method, body });
      expect([res.res.status, res.body.error?.code], `${method} ${path}`).toEqual([403, "E4030"]);
    }
    expect(await seenByA()).toEqual(before);
    expect(await db().creditPackage.count({ where: { userId: b.userId } })).toBe(own.length);
  });

  it("gets 404 (never 403) from every video route, and A's videos stay as they were", async () => {
    const before = await seenByA();
    expect(before.shown.data).toMatchObject({
      status: "COMPLETED",
      visibility: "private",
      videoUrl: true,
      posterUrl: true,
    });
    expect(before.failed.data).toMatchObject({ status: "FAILED" });

    const attempts: [string, string, unknown?][] = [
      ["GET", `/api/v1/video/${shown}`],
      ["GET", `/api/v1/video/${shown}/status`],
      ["PATCH", `/api/v1/video/${shown}`, { visibility: "public" }],
      ["POST", `/api/v1/video/${failed}/retry`],
      ["POST", `/api/v1/video/${shown}/retry`],
      ["DELETE", `/api/v1/video/${shown}`],
      ["DELETE", `/api/v1/video/${failed}`],
      ["POST", `/api/v1/video/${shown}/favorite`],
      ["DELETE", `/api/v1/video/${shown}/favorite`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(b, path, { method, body });
      expect([res.res.status, res.body.error?.code], `${method} ${path}`).toEqual([404, "E4006"]);
    }
    const listed = await call<{ items: VideoView[] }>(b, "/api/v1/video/list");
    expect(listed.body.data?.items.map((v) => v.uuid)).not.toContain(shown);
    expect(listed.body.data?.items.map((v) => v.uuid)).not.toContain(failed);
    const gallery = await api<{ items: { uuid: string }[] }>("/api/v1/videos/latest");
    expect(gallery.body.data?.items.map((v) => v.uuid)).not.toContain(shown);

    expect(await seenByA()).toEqual(before);

    // The same requests from A do act: the 404s above were the owner check, nothing else.
    expect(
      (await call(a, `/api/v1/video/${shown}`, { method: "PATCH", body: { visibility: "public" } })).res.status,
    ).toBe(200);
    expect((await call(a, `/api/v1/video/${failed}/retry`, { method: "POST" })).res.status).toBe(202);
    expect((await call(a, `/api/v1/video/${shown}`, { method: "DELETE" })).res.status).toBe(200);
  });
});
