import { randomUUID } from "node:crypto";
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { pool } from "@videofly/db";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer, TEST_SECRETS } from "./support/app-server";
import { customer, deliver, subscriptionCheckout } from "./support/creem";
import { signUp, verifyEmail } from "./support/http";

// Who may play, embed and download a video, over HTTP against the built app: the full matrix of
// action × visibility × viewer × the owner's plan (a subscription from a signed Creem webhook),
// one audit row per answer; the free plan's daily downloads; an expired URL; embed domains.

const SAMPLE = path.resolve(import.meta.dirname, "../public/demo/sample.mp4");
const TTL_SECONDS = 3;

let app: AppServer;
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_video_access");
  process.env.DATABASE_URL = databaseUrl;
  process.env.DATABASE_POOL_MAX = "5";
  app = await startAppServer({
    DATABASE_URL: databaseUrl,
    VIDEO_URL_TTL_SECONDS: String(TTL_SECONDS),
    FREE_DOWNLOADS_PER_DAY: "3",
    CREEM_WEBHOOK_SECRET: TEST_SECRETS.CREEM_WEBHOOK_SECRET,
  });
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await dropDatabase(databaseUrl);
});

interface Person {
  label: string;
  userId: string | null;
  cookie: string | null;
}

async function person(label: string): Promise<Person> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  const { cookie, userId } = await signUp(email, undefined, app.baseUrl);
  await verifyEmail(email, cookie);
  return { label, userId, cookie };
}

async function subscribe(user: Person & { userId: string }, email = `${user.label}@example.com`) {
  const checkout = subscriptionCheckout({
    userId: user.userId,
    customer: customer(email),
    subscriptionId: `sub_${randomUUID().slice(0, 12)}`,
    periodStart: new Date(),
  });
  expect((await deliver(checkout, { url: app.baseUrl })).status).toBe(200);
}

type Visibility = "PRIVATE" | "UNLISTED" | "PUBLIC";

/** A finished video with its file in the app's storage, as the pipeline leaves one. */
async function finishedVideo(
  ownerId: string,
  visibility: Visibility,
  policy: { allowEmbed?: boolean; allowDownload?: boolean; embedDomains?: string[] } = {},
) {
  const uuid = randomUUID();
  const key = `videos/${uuid}/${randomUUID().replaceAll("-", "")}.mp4`;
  mkdirSync(path.join(app.storageDir, path.dirname(key)), { recursive: true });
  copyFileSync(SAMPLE, path.join(app.storageDir, key));
  await pool().query(
    `INSERT INTO video (uuid, "userId", status, model, mode, prompt, duration, "aspectRatio", quality, "creditsCost",
                        "storageKey", visibility, "allowEmbed", "allowDownload", "embedDomains", "startedAt", "completedAt", "updatedAt")
     VALUES ($1, $2, 'COMPLETED', 'kling-2.6', 'TEXT_TO_VIDEO', 'a paper plane', 5, '16:9', 'standard', 1,
             $3, $4::"VideoVisibility", $5, $6, $7, now(), now(), now())`,
    [
      uuid,
      ownerId,
      key,
      visibility,
      policy.allowEmbed ?? true,
      policy.allowDownload ?? true,
      policy.embedDomains ?? [],
    ],
  );
  return uuid;
}

type Action = "play" | "embed" | "download";

async function knock(action: Action, uuid: string, viewer: Person, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.baseUrl}/api/v1/video/${uuid}/${action}`, {
    headers: { ...(viewer.cookie ? { cookie: viewer.cookie, origin: app.baseUrl } : {}), ...headers },
  });
  const body = (await res.json()) as {
    data?: { url?: string; playerUrl?: string; iframe?: string; badge?: boolean };
    error?: { code: string; details?: { reason?: string } };
  };
  return { status: res.status, data: body.data, reason: body.error?.details?.reason ?? null, code: body.error?.code };
}

async function logRows(uuid: string) {
  const { rows } = await pool().query<{ viewerId: string | null; action: string; allowed: boolean; reason: string }>(
    `SELECT l."viewerId", lower(l.action::text) AS action, l.allowed, l.reason
       FROM video_access_log l JOIN video v ON v.id = l."videoId" WHERE v.uuid = $1 ORDER BY l.id`,
    [uuid],
  );
  return rows;
}

/** The documented answer: status, and the refusal's reason or the allowed decision's. */
function expected(action: Action, visibility: Visibility, viewer: "owner" | "other" | "anonymous", plan: Plan) {
  const isOwner = viewer === "owner";
  if (visibility === "PRIVATE" && !isOwner) return { status: 404, reason: "private" };
  if (visibility === "PRIVATE" && action === "embed") return { status: 403, reason: "private" };
  const visible = isOwner ? "owner" : visibility.toLowerCase();
  if (action !== "download") return { status: 200, reason: visible };
  if (isOwner) return { status: 200, reason: "owner" };
  return plan === "subscribed" ? { status: 200, reason: "download_allowed" } : { status: 403, reason: "plan_required" };
}

type Plan = "free" | "subscribed";
const ACTIONS: Action[] = ["play", "embed", "download"];
const VISIBILITIES: Visibility[] = ["PRIVATE", "UNLISTED", "PUBLIC"];

describe("video access over HTTP", () => {
  it("answers the whole matrix of action × visibility × viewer × plan as documented, one audit row each", async () => {
    const [free, subscribed, other] = await Promise.all([person("free"), person("subscribed"), person("other")]);
    const anonymous: Person = { label: "anonymous", userId: null, cookie: null };
    await subscribe(subscribed as Person & { userId: string });
    const owners: Record<Plan, Person> = { free, subscribed };

    const rows: string[][] = [];
    const failures: string[] = [];
    const made: Record<string, string> = {};
    for (const plan of ["free", "subscribed"] as Plan[]) {
      const owner = owners[plan];
      for (const visibility of VISIBILITIES) {
        const uuid = await finishedVideo(owner.userId as string, visibility);
        made[`${plan} ${visibility}`] = uuid;
        const viewers = { owner, other, anonymous } as const;
        const asked: { viewerId: string | null; action: Action; allowed: boolean; reason: string }[] = [];
        for (const [name, viewer] of Object.entries(viewers) as [keyof typeof viewers, Person][]) {
          for (const action of ACTIONS) {
            const want = expected(action, visibility, name, plan);
            const got = await knock(action, uuid, viewer);
            // A 404 says nothing more; a 403 names its reason; the audit below holds every reason.
            rows.push([plan, visibility, name, action, String(want.status), want.reason]);
            if (got.status !== want.status || (got.status === 403 && got.reason !== want.reason)) {
              failures.push(
                `${plan} ${visibility} ${name} ${action}: ${got.status} ${got.reason}, wanted ${want.status} ${want.reason}`,
              );
            }
            if (got.status === 200 && action !== "embed") {
              const file = await fetch(got.data?.url ?? "");
              expect(file.status, `${plan} ${visibility} ${name} ${action} file`).toBe(200);
              const disposition = file.headers.get("content-disposition") ?? "";
              expect(disposition.startsWith("attachment"), `${action} disposition`).toBe(action === "download");
              await file.arrayBuffer();
            }
            if (got.status === 200 && action === "embed") {
              expect(got.data?.iframe).toContain(`/embed/${uuid}`);
              expect(got.data?.badge).toBe(plan === "free");
            }
            asked.push({ viewerId: viewer.userId, action, allowed: want.status === 200, reason: want.reason });
          }
        }
        // Written after each response: wait for all nine, then they must be exactly these.
        await expect.poll(async () => (await logRows(uuid)).length, { timeout: 10_000 }).toBe(asked.length);
        const logged = await logRows(uuid);
        const key = (r: { viewerId: string | null; action: string }) => `${r.viewerId ?? "anonymous"} ${r.action}`;
        expect(new Map(logged.map((r) => [key(r), [r.allowed, r.reason]]))).toEqual(
          new Map(asked.map((r) => [key(r), [r.allowed, r.reason]])),
        );
      }
    }
    // The owner's statistics come from the same log: today's looks, let through and refused.
    const statsOf = async (uuid: string, viewer: Person) => {
      const res = await fetch(`${app.baseUrl}/api/v1/video/${uuid}/stats?days=7`, {
        headers: { cookie: viewer.cookie as string },
      });
      return { status: res.status, body: (await res.json()) as { data?: { days: unknown[]; totals: unknown } } };
    };
    const freeUnlisted = await statsOf(made["free UNLISTED"] as string, free);
    expect(freeUnlisted.body.data?.days).toHaveLength(7);
    expect(freeUnlisted.body.data?.totals).toEqual({ plays: 3, embeds: 3, downloads: 1, refused: 2 });
    expect((await statsOf(made["subscribed PRIVATE"] as string, subscribed)).body.data?.totals).toEqual({
      plays: 1,
      embeds: 0,
      downloads: 1,
      refused: 7,
    });
    expect((await statsOf(made["subscribed PUBLIC"] as string, other)).status).toBe(404);
    console.info(`access matrix:\n${rows.map((r) => r.join(" | ")).join("\n")}`);
    expect(failures).toEqual([]);
  });

  it("refuses the free plan's fourth download of the day with daily_limit; a file already taken today is free again", async () => {
    const owner = await person("thrifty");
    const videos = await Promise.all([1, 2, 3, 4].map(() => finishedVideo(owner.userId as string, "PRIVATE")));
    // All four at once: the cap holds under concurrency.
    const answers = await Promise.all(videos.map((uuid) => knock("download", uuid, owner)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 403]);
    const refused = answers.findIndex((a) => a.status === 403);
    expect(answers[refused]).toMatchObject({ code: "E4030", reason: "daily_limit" });
    const taken = videos.filter((_, i) => i !== refused);
    expect((await knock("download", taken[0] as string, owner)).status).toBe(200);
    expect((await knock("download", videos[refused] as string, owner)).reason).toBe("daily_limit");
    // Playing is not downloading.
    expect((await knock("play", videos[refused] as string, owner)).status).toBe(200);

    // With a plan the cap is gone.
    await subscribe(owner as Person & { userId: string }, "thrifty@example.com");
    expect((await knock("download", videos[refused] as string, owner)).status).toBe(200);
  });

  it("hands out URLs that stop working when they expire", async () => {
    const owner = await person("expiring");
    const uuid = await finishedVideo(owner.userId as string, "UNLISTED");
    const play = await knock("play", uuid, { label: "anonymous", userId: null, cookie: null });
    expect(play.status).toBe(200);
    const url = play.data?.url ?? "";
    expect(url).not.toContain("sig=undefined");
    expect((await fetch(url)).status).toBe(200);
    await new Promise((r) => setTimeout(r, (TTL_SECONDS + 1.5) * 1000));
    expect((await fetch(url)).status).toBe(403);
  });

  it("embeds only on the owner's domains, closes the doors the owner closed, and validates the policy", async () => {
    const owner = await person("domains");
    const anonymous: Person = { label: "anonymous", userId: null, cookie: null };
    const uuid = await finishedVideo(owner.userId as string, "PUBLIC", { embedDomains: ["*.example.com"] });
    expect(await knock("embed", uuid, anonymous, { origin: "https://evil.test" })).toMatchObject({
      status: 403,
      reason: "domain_not_allowed",
    });
    expect((await knock("embed", uuid, anonymous)).reason).toBe("domain_not_allowed");
    expect((await knock("embed", uuid, anonymous, { referer: "https://blog.example.com/post/1" })).status).toBe(200);
    expect((await knock("embed", uuid, anonymous, { origin: "https://example.com" })).status).toBe(200);

    // The player page: refused from another site, and the browser is told where it may be framed.
    const page = await fetch(`${app.baseUrl}/embed/${uuid}`, { headers: { referer: "https://evil.test/" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("embed-refused");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors http://*.example.com:* https://*.example.com:* http://example.com:*");
    const allowed = await fetch(`${app.baseUrl}/embed/${uuid}`, { headers: { referer: "https://www.example.com/" } });
    expect(await allowed.text()).toContain("embed-video");

    const patch = (body: unknown) =>
      fetch(`${app.baseUrl}/api/v1/video/${uuid}`, {
        method: "PATCH",
        headers: { cookie: owner.cookie as string, origin: app.baseUrl, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await patch({ allowEmbed: false, allowDownload: false })).status).toBe(200);
    expect((await knock("embed", uuid, anonymous, { origin: "https://example.com" })).reason).toBe("embed_not_allowed");
    expect((await knock("download", uuid, anonymous)).reason).toBe("download_not_allowed");

    for (const [body, field] of [
      [{ embedDomains: ["not a host"] }, "body.embedDomains.0"],
      [{ visibility: "secret" }, "body.visibility"],
      [{}, "body"],
    ] as const) {
      const res = await patch(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = ((await res.json()) as { error: { details: { fields: { field: string }[] } } }).error;
      expect(error.details.fields.map((f) => f.field)).toContain(field);
    }
  });
});
