import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { deletedEmail, grantCredits, reconcileCredits } from "@videofly/common";
import { db } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer, TEST_SECRETS } from "./support/app-server";
import { createKey } from "./support/keys";

// Its own app server (a demo provider that finishes at once) on this file's database, which the
// test reads and writes directly (the setup file points DATABASE_URL at it).
let app: AppServer;
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  app = await startAppServer({
    DATABASE_URL: process.env.DATABASE_URL ?? "",
    DEMO_PROVIDER_DELAY_MS: "0",
    VIDEO_POLL_INTERVAL_MS: "1",
  });
}, 60_000);

afterAll(() => app?.stop());

async function call<T = unknown>(p: string, init: RequestInit & { cookie?: string; key?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.key) headers.set("x-api-key", init.key);
  if (init.body) headers.set("content-type", "application/json");
  headers.set("origin", app.baseUrl);
  const res = await fetch(`${app.baseUrl}${p}`, { ...init, headers });
  const text = await res.text();
  return { res, body: (text ? JSON.parse(text) : null) as { data: T; error?: { code: string; details?: unknown } } };
}

async function signUp(email: string) {
  const res = await fetch(`${app.baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.baseUrl },
    body: JSON.stringify({ email, password: PASSWORD, name: "Alice Example" }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { user } = (await res.json()) as { user: { id: string } };
  return { cookie, userId: user.id };
}

const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO",
  prompt: "my private prompt",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
};

const cron = () =>
  fetch(`${app.baseUrl}/api/cron/process-videos`, { headers: { authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` } });

const stored = (folder: string) =>
  existsSync(path.join(app.storageDir, folder)) ? readdirSync(path.join(app.storageDir, folder)) : [];

const deleteMe = (init: { cookie?: string; key?: string; password?: string }) =>
  call("/api/v1/user/me", {
    method: "DELETE",
    cookie: init.cookie,
    key: init.key,
    body: init.password === undefined ? undefined : JSON.stringify({ password: init.password }),
  });

/** A user with credits, an API key, an uploaded image, a completed video and one still rendering. */
async function busyUser(email: string) {
  const { cookie, userId } = await signUp(email);
  await grantCredits({ userId, source: "PURCHASE", grantKey: `test:${userId}`, credits: 100, expiresAt: null });
  const key = await createKey(cookie, {}, app.baseUrl);
  expect((await call("/api/v1/user/me", { key: key.key })).res.status).toBe(200);

  const presigned = await call<{ upload: { url: string; headers: Record<string, string> } }>("/api/v1/upload/presign", {
    method: "POST",
    cookie,
    body: JSON.stringify({ contentType: "image/png", size: 4 }),
  });
  const put = await fetch(presigned.body.data.upload.url, {
    method: "PUT",
    headers: presigned.body.data.upload.headers,
    body: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  });
  expect(put.ok).toBe(true);

  const done = await call<{ uuid: string }>("/api/v1/video/generate", {
    method: "POST",
    cookie,
    body: JSON.stringify(kling),
  });
  for (let i = 0; i < 50; i += 1) {
    await cron();
    const status = await call<{ status: string }>(`/api/v1/video/${done.body.data.uuid}/status`, { cookie });
    if (status.body.data.status === "COMPLETED") break;
  }
  expect(await db().video.findUniqueOrThrow({ where: { uuid: done.body.data.uuid } })).toMatchObject({
    status: "COMPLETED",
  });
  const running = await call<{ uuid: string; status: string }>("/api/v1/video/generate", {
    method: "POST",
    cookie,
    body: JSON.stringify(kling),
  });
  expect(running.body.data.status).toBe("GENERATING");
  return { cookie, userId, apiKey: key.key, completed: done.body.data.uuid, running: running.body.data.uuid };
}

describe("DELETE /api/v1/user/me", () => {
  it("needs the password: releases holds, deletes the files, revokes keys and sessions, anonymises, keeps the books", async () => {
    const u = await busyUser("alice@example.com");
    expect(stored(`uploads/${u.userId}`)).toHaveLength(1);
    // The video and its poster.
    expect(
      stored(`videos/${u.completed}`)
        .map((name) => path.extname(name))
        .sort(),
    ).toEqual([".jpg", ".mp4"]);
    const hold = () => db().creditHold.findUniqueOrThrow({ where: { reference: `video:${u.running}` } });
    expect((await hold()).status).toBe("HELD");
    const ledgerBefore = await db().creditTransaction.findMany({
      where: { userId: u.userId },
      orderBy: { seq: "asc" },
    });

    // Never with an API key; with a session, only with the right password.
    const byKey = await deleteMe({ key: u.apiKey, password: PASSWORD });
    expect(byKey.res.status).toBe(403);
    const noPassword = await deleteMe({ cookie: u.cookie });
    expect(noPassword.res.status).toBe(400);
    expect(noPassword.body.error?.details).toMatchObject({ fields: [{ field: "body.password" }] });
    const wrong = await deleteMe({ cookie: u.cookie, password: "not the password" });
    expect(wrong.res.status).toBe(403);
    expect(wrong.body.error?.code).toBe("E4030");
    expect((await hold()).status).toBe("HELD");
    expect((await db().user.findUniqueOrThrow({ where: { id: u.userId } })).email).toBe("alice@example.com");

    const deleted = await deleteMe({ cookie: u.cookie, password: PASSWORD });
    expect(deleted.res.status).toBe(200);
    expect(deleted.body.data).toMatchObject({ userId: u.userId, failedVideos: 1, releasedHolds: 1, filesPending: 0 });

    // Signed out everywhere, and a second DELETE is 401.
    expect((await call("/api/v1/user/me", { cookie: u.cookie })).res.status).toBe(401);
    expect((await call("/api/v1/user/me", { key: u.apiKey })).res.status).toBe(401);
    expect((await deleteMe({ cookie: u.cookie, password: PASSWORD })).res.status).toBe(401);

    expect(stored(`uploads/${u.userId}`)).toEqual([]);
    expect(stored(`videos/${u.completed}`)).toEqual([]);
    expect(await hold()).toMatchObject({ status: "RELEASED" });
    const user = await db().user.findUniqueOrThrow({ where: { id: u.userId } });
    expect(user).toMatchObject({
      email: deletedEmail(u.userId),
      name: "Deleted user",
      image: null,
      banned: true,
      emailVerified: false,
    });
    expect(user.deletedAt).not.toBeNull();
    expect(await db().session.count({ where: { userId: u.userId } })).toBe(0);
    expect(await db().apikey.count({ where: { referenceId: u.userId } })).toBe(0);
    expect(await db().account.count({ where: { userId: u.userId } })).toBe(0);
    const videos = await db().video.findMany({ where: { userId: u.userId } });
    expect(videos.every((v) => v.deletedAt !== null && v.prompt === "" && v.visibility === "PRIVATE")).toBe(true);

    // The books: every earlier entry is still there, nothing is spendable, and they balance.
    const ledgerAfter = await db().creditTransaction.findMany({ where: { userId: u.userId }, orderBy: { seq: "asc" } });
    expect(ledgerAfter.slice(0, ledgerBefore.length)).toEqual(ledgerBefore);
    // The hold's RELEASE, then one EXPIRE per package (the grant, and a sign-up bonus when there is one).
    const added = ledgerAfter.slice(ledgerBefore.length).map((e) => e.type);
    expect(added[0]).toBe("RELEASE");
    const packages = await db().creditPackage.findMany({ where: { userId: u.userId } });
    expect(added.slice(1)).toEqual(packages.map(() => "EXPIRE"));
    expect(packages.every((p) => p.status === "EXPIRED" && p.remainingCredits === 0 && p.frozenCredits === 0)).toBe(
      true,
    );
    expect(ledgerAfter.at(-1)).toMatchObject({ availableAfter: 0, frozenAfter: 0 });
    expect(await reconcileCredits()).toEqual([]);

    // The render that was running finishes at the provider: nothing is settled for it any more.
    await cron();
    expect(await db().video.findUniqueOrThrow({ where: { uuid: u.running } })).toMatchObject({ status: "FAILED" });
    expect(await hold()).toMatchObject({ status: "RELEASED" });
    expect(await reconcileCredits()).toEqual([]);

    // The address is free again: a new, separate account.
    const again = await signUp("alice@example.com");
    expect(again.userId).not.toBe(u.userId);
    const me = await call<{ id: string; email: string }>("/api/v1/user/me", { cookie: again.cookie });
    expect(me.body.data).toMatchObject({ id: again.userId, email: "alice@example.com" });
  });

  it("deletes an account without a password only within 10 minutes of signing in", async () => {
    const stale = await signUp("oauth-stale@example.com");
    const fresh = await signUp("oauth-fresh@example.com");
    // As for a Google, GitHub or magic-link user: no password on file.
    await db().account.deleteMany({ where: { userId: { in: [stale.userId, fresh.userId] } } });
    await db().session.updateMany({
      where: { userId: stale.userId },
      data: { createdAt: new Date(Date.now() - 11 * 60_000) },
    });

    const refused = await deleteMe({ cookie: stale.cookie });
    expect(refused.res.status).toBe(403);
    expect(refused.body.error?.details).toMatchObject({ freshSignInMinutes: 10 });
    expect((await db().user.findUniqueOrThrow({ where: { id: stale.userId } })).deletedAt).toBeNull();

    expect((await deleteMe({ cookie: fresh.cookie })).res.status).toBe(200);
    expect((await db().user.findUniqueOrThrow({ where: { id: fresh.userId } })).email).toBe(deletedEmail(fresh.userId));
    expect(await reconcileCredits()).toEqual([]);
  });
});
