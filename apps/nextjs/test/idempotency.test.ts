import { randomUUID } from "node:crypto";
import { db } from "@videofly/db";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { api, baseUrl, signUpVerified } from "./support/http";
import { createKey } from "./support/keys";

// Idempotency-Key over real HTTP against the shared app; it counts videos, holds and ledger entries
// in that app's database.
process.env.DATABASE_URL = inject("appDatabaseUrl");
process.env.DATABASE_POOL_MAX = "2";

const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO",
  prompt: "twenty clients, one video",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
};

let owner: { cookie: string; userId: string };
let key: string;

beforeAll(async () => {
  owner = await signUpVerified("idempotent@example.com");
  ({ key } = await createKey(owner.cookie, { name: "retrying script", scopes: ["videos:write", "videos:read"] }));
});

const generate = (idempotencyKey: string, body: unknown = kling) =>
  api<{ uuid: string }>("/api/v1/video/generate", {
    method: "POST",
    headers: { "x-api-key": key, "content-type": "application/json", "idempotency-key": idempotencyKey },
    body: JSON.stringify(body),
  });

describe("Idempotency-Key on POST /video/generate", () => {
  it("turns 20 concurrent identical requests into one video and one hold", async () => {
    const idem = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => generate(idem)));
    const statuses = answers.map((a) => a.res.status);
    // The first creates; the others arrive while it runs (409 + Retry-After) or after (a replay).
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = answers.filter((a) => a.res.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.data?.uuid)).size).toBe(1);
    expect(created.filter((a) => a.res.headers.get("idempotent-replayed") !== "true")).toHaveLength(1);
    for (const conflict of answers.filter((a) => a.res.status === 409)) {
      expect(conflict.body.error?.code).toBe("E4090");
      expect(Number(conflict.res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    expect(await db().video.count({ where: { userId: owner.userId, prompt: kling.prompt } })).toBe(1);
    expect(await db().creditHold.count({ where: { userId: owner.userId } })).toBe(1);

    // After it finished, a retry is a replay of the same video.
    const replay = await generate(idem);
    expect(replay.res.status).toBe(201);
    expect(replay.res.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.data?.uuid).toBe(created[0]?.body.data?.uuid);
    expect(await db().creditHold.count({ where: { userId: owner.userId } })).toBe(1);
  });

  it("refuses the same key with a different body (422 E4220), and stores nothing for invalid requests", async () => {
    const idem = randomUUID();
    expect((await generate(idem, { ...kling, prompt: "first" })).res.status).toBe(201);
    const other = await generate(idem, { ...kling, prompt: "second" });
    expect(other.res.status).toBe(422);
    expect(other.body.error?.code).toBe("E4220");

    const invalidKey = randomUUID();
    const invalid = await generate(invalidKey, { ...kling, duration: -1 });
    expect(invalid.res.status).toBe(400);
    // Nothing was stored: the corrected request under the same key runs.
    const corrected = await generate(invalidKey, { ...kling, prompt: "corrected" });
    expect(corrected.res.status).toBe(201);
    expect(corrected.res.headers.get("idempotent-replayed")).toBeNull();
  });

  it("rejects a malformed Idempotency-Key with the header named", async () => {
    const res = await generate("x".repeat(256));
    expect(res.res.status).toBe(400);
    expect(JSON.stringify(res.body.error?.details)).toContain("header.Idempotency-Key");
  });
});

describe("Idempotency-Key on admin credit grants", () => {
  it("grants once for 10 concurrent identical grants", async () => {
    const admin = await signUpVerified(inject("adminEmails")[6] ?? "");
    const target = await signUpVerified("granted-once@example.com");
    const idem = randomUUID();
    const grant = () =>
      api("/api/v1/admin/credits", {
        method: "POST",
        headers: {
          cookie: admin.cookie,
          origin: baseUrl(),
          "content-type": "application/json",
          "idempotency-key": idem,
        },
        body: JSON.stringify({ userId: target.userId, credits: 7, reason: "support gesture" }),
      });
    const statuses = (await Promise.all(Array.from({ length: 10 }, grant))).map((a) => a.res.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const grants = await db().creditPackage.count({ where: { userId: target.userId, source: "ADMIN_GRANT" } });
    expect(grants).toBe(1);
    expect((await grant()).res.headers.get("idempotent-replayed")).toBe("true");
  });
});
