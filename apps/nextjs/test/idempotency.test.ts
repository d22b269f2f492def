import { randomUUID } from "node:crypto";
import { db } from "@videofly/db";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { signUpVerified } from "./support/http";
import { createKey } from "./support/keys";
import { sdk } from "./support/sdk";

// Idempotency-Key over real HTTP against the shared app; it counts videos, holds and ledger entries
// in that app's database.
process.env.DATABASE_URL = inject("appDatabaseUrl");
process.env.DATABASE_POOL_MAX = "2";

const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO" as const,
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

const generate = (idempotencyKey: string, body: typeof kling = kling) =>
  sdk({ apiKey: key }).POST("/video/generate", { body, headers: { "idempotency-key": idempotencyKey } });

describe("Idempotency-Key on POST /video/generate", () => {
  it("turns 20 concurrent identical requests into one video and one hold", async () => {
    const idem = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => generate(idem)));
    const statuses = answers.map((a) => a.response.status);
    // The first creates; the others arrive while it runs (409 + Retry-After) or after (a replay).
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = answers.filter((a) => a.response.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.data?.data.uuid)).size).toBe(1);
    expect(created.filter((a) => a.response.headers.get("idempotent-replayed") !== "true")).toHaveLength(1);
    for (const conflict of answers.filter((a) => a.response.status === 409)) {
      expect(conflict.error?.error.code).toBe("E4090");
      expect(Number(conflict.response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    expect(await db().video.count({ where: { userId: owner.userId, prompt: kling.prompt } })).toBe(1);
    expect(await db().creditHold.count({ where: { userId: owner.userId } })).toBe(1);

    // After it finished, a retry is a replay of the same video.
    const replay = await generate(idem);
    expect(replay.response.status).toBe(201);
    expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.data?.data.uuid).toBe(created[0]?.data?.data.uuid);
    expect(await db().creditHold.count({ where: { userId: owner.userId } })).toBe(1);
  });

  it("refuses the same key with a different body (422 E4220), and stores nothing for invalid requests", async () => {
    const idem = randomUUID();
    expect((await generate(idem, { ...kling, prompt: "first" })).response.status).toBe(201);
    const other = await generate(idem, { ...kling, prompt: "second" });
    expect(other.response.status).toBe(422);
    expect(other.error?.error.code).toBe("E4220");

    const invalidKey = randomUUID();
    const invalid = await generate(invalidKey, { ...kling, duration: -1 });
    expect(invalid.response.status).toBe(400);
    // Nothing was stored: the corrected request under the same key runs.
    const corrected = await generate(invalidKey, { ...kling, prompt: "corrected" });
    expect(corrected.response.status).toBe(201);
    expect(corrected.response.headers.get("idempotent-replayed")).toBeNull();
  });

  it("rejects a malformed Idempotency-Key with the header named", async () => {
    const res = await generate("x".repeat(256));
    expect(res.response.status).toBe(400);
    expect(JSON.stringify(res.error?.error.details)).toContain("header.Idempotency-Key");
  });
});

describe("Idempotency-Key on admin credit grants", () => {
  it("grants once for 10 concurrent identical grants", async () => {
    const admin = await signUpVerified(inject("adminEmails")[6] ?? "");
    const target = await signUpVerified("granted-once@example.com");
    const idem = randomUUID();
    const grant = () =>
      sdk({ cookie: admin.cookie }).POST("/admin/credits", {
        body: { userId: target.userId, credits: 7, reason: "support gesture" },
        headers: { "idempotency-key": idem },
      });
    const statuses = (await Promise.all(Array.from({ length: 10 }, grant))).map((a) => a.response.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const grants = await db().creditPackage.count({ where: { userId: target.userId, source: "ADMIN_GRANT" } });
    expect(grants).toBe(1);
    expect((await grant()).response.headers.get("idempotent-replayed")).toBe("true");
  });
});
