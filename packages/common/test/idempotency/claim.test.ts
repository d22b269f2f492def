import { pool } from "@videofly/db";
import { describe, expect, it } from "vitest";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  type IdempotencyClaim,
  releaseIdempotencyKey,
  type StoredResponse,
} from "../../src/idempotency/index.ts";
import { HOUR, kinds, later, NOW, request, SECOND } from "./support.ts";

// Enough connections that the claims below really run side by side in PostgreSQL.
process.env.DATABASE_POOL_MAX = "30";

const RESPONSE: StoredResponse = {
  status: 201,
  headers: { "content-type": "application/json", "x-request-id": "req_first", location: "/api/v1/video/v1" },
  body: `{"success":true,"data":{"uuid":"v1","prompt":"un chat \u00e9l\u00e9gant \ud83d\udc08"}}`,
};

async function claimed(input: Parameters<typeof claimIdempotencyKey>[0]): Promise<string> {
  const claim = await claimIdempotencyKey(input);
  if (claim.kind !== "claimed") throw new Error(`expected a claim, got ${claim.kind}`);
  return claim.id;
}

const times = <T>(n: number, fn: () => Promise<T>) => Promise.all(Array.from({ length: n }, fn));

describe("claimIdempotencyKey", () => {
  it("20 concurrent claims of one key: exactly one is claimed, the rest are in progress for the lease", async () => {
    const req = request();
    const claims = await times(20, () => claimIdempotencyKey({ ...req, now: NOW }));
    expect(kinds(claims)).toEqual({ claimed: 1, in_progress: 19 });
    for (const c of claims) if (c.kind === "in_progress") expect(c.retryAfterSeconds).toBe(60);
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM idempotency_key WHERE key = $1`, [req.key]);
    expect(rows[0].n).toBe(1);
  });

  it("after completion, every retry replays the stored response exactly", async () => {
    const req = request();
    const id = await claimed({ ...req, now: NOW });
    await completeIdempotencyKey(id, RESPONSE);
    const replays = await times(10, () => claimIdempotencyKey({ ...req, now: later(HOUR) }));
    expect(replays).toEqual(Array.from({ length: 10 }, () => ({ kind: "replay", response: RESPONSE })));
  });

  it("the same key with a different request is a mismatch, while running and once completed", async () => {
    const req = request(`{"prompt":"a cat"}`);
    const other = { ...request(`{"prompt":"a dog"}`), key: req.key };
    const id = await claimed({ ...req, now: NOW });
    expect(await claimIdempotencyKey({ ...other, now: NOW })).toEqual({ kind: "mismatch" });
    await completeIdempotencyKey(id, RESPONSE);
    expect(await claimIdempotencyKey({ ...other, now: later(SECOND) })).toEqual({ kind: "mismatch" });
    expect(await claimIdempotencyKey({ ...req, now: later(SECOND) })).toMatchObject({ kind: "replay" });
  });

  it("one key under another scope or route is a key of its own", async () => {
    const base = request();
    const otherUser = { ...base, scope: "user:usr_2" };
    const variants = [
      base,
      otherUser,
      { ...base, scope: "key:apikey_1" },
      { ...base, route: "POST /video/{uuid}/retry" },
    ];
    const ids = await Promise.all(variants.map((v) => claimed({ ...v, now: NOW })));
    expect(new Set(ids).size).toBe(4);
    await completeIdempotencyKey(ids[0] ?? "", RESPONSE);
    expect(await claimIdempotencyKey({ ...base, now: NOW })).toMatchObject({ kind: "replay" });
    expect(await claimIdempotencyKey({ ...otherUser, now: NOW })).toMatchObject({ kind: "in_progress" });
  });

  it("a released claim lets the next request run; releasing a completed one changes nothing", async () => {
    const req = request();
    const first = await claimed({ ...req, now: NOW });
    await releaseIdempotencyKey(first);
    const second = await claimed({ ...req, now: later(SECOND) });
    expect(second).not.toBe(first);
    await completeIdempotencyKey(second, RESPONSE);
    await releaseIdempotencyKey(second);
    expect(await claimIdempotencyKey({ ...req, now: later(2 * SECOND) })).toEqual({
      kind: "replay",
      response: RESPONSE,
    });
  });

  it("Retry-After counts the seconds left in the lease, at least 1", async () => {
    const req = request();
    await claimed({ ...req, now: NOW });
    const at = async (ms: number) => claimIdempotencyKey({ ...req, now: later(ms) });
    expect(await at(30 * SECOND)).toEqual({ kind: "in_progress", retryAfterSeconds: 30 });
    expect(await at(30 * SECOND + 1)).toEqual({ kind: "in_progress", retryAfterSeconds: 30 });
    expect(await at(59_900)).toEqual({ kind: "in_progress", retryAfterSeconds: 1 });
  });
});

describe("a lease that ran out (the first process died)", () => {
  it("is taken over by exactly one of 10 concurrent retries; the dead owner can no longer finish it", async () => {
    const req = request();
    const dead = await claimed({ ...req, now: NOW });
    const retryAt = later(61 * SECOND);
    const claims = await times(10, () => claimIdempotencyKey({ ...req, now: retryAt }));
    expect(kinds(claims)).toEqual({ claimed: 1, in_progress: 9 });
    for (const c of claims) if (c.kind === "in_progress") expect(c.retryAfterSeconds).toBe(60);
    const winner = claims.find((c): c is Extract<IdempotencyClaim, { kind: "claimed" }> => c.kind === "claimed");
    expect(winner?.id).not.toBe(dead);

    await completeIdempotencyKey(dead, { ...RESPONSE, body: "from the dead process" });
    await releaseIdempotencyKey(dead);
    expect(await claimIdempotencyKey({ ...req, now: later(SECOND, retryAt) })).toMatchObject({ kind: "in_progress" });
    await completeIdempotencyKey(winner?.id ?? "", RESPONSE);
    expect(await claimIdempotencyKey({ ...req, now: later(SECOND, retryAt) })).toEqual({
      kind: "replay",
      response: RESPONSE,
    });
  });

  it("is not taken over by a different request with the same key", async () => {
    const req = request(`{"prompt":"a cat"}`);
    await claimed({ ...req, now: NOW });
    const other = { ...request(`{"prompt":"a dog"}`), key: req.key };
    expect(await claimIdempotencyKey({ ...other, now: later(HOUR) })).toEqual({ kind: "mismatch" });
  });

  it("a lease still running is never taken over, however many retries arrive", async () => {
    const req = request();
    await claimed({ ...req, now: NOW });
    const claims = await times(10, () => claimIdempotencyKey({ ...req, now: later(59 * SECOND) }));
    expect(kinds(claims)).toEqual({ in_progress: 10 });
  });
});

describe("a key past its 24 hours", () => {
  it("counts as absent: exactly one of 10 concurrent requests claims it, whatever its body", async () => {
    const req = request(`{"prompt":"a cat"}`);
    await completeIdempotencyKey(await claimed({ ...req, now: NOW }), RESPONSE);
    expect(await claimIdempotencyKey({ ...req, now: later(24 * HOUR - 1) })).toMatchObject({ kind: "replay" });
    const other = { ...request(`{"prompt":"a dog"}`), key: req.key };
    const claims = await times(10, () => claimIdempotencyKey({ ...other, now: later(24 * HOUR) }));
    expect(kinds(claims)).toEqual({ claimed: 1, in_progress: 9 });
    const { rows } = await pool().query(
      `SELECT state, "requestHash", "createdAt", "expiresAt" FROM idempotency_key WHERE key = $1`,
      [req.key],
    );
    expect(rows).toEqual([
      {
        state: "RUNNING",
        requestHash: other.requestHash,
        createdAt: later(24 * HOUR),
        expiresAt: later(48 * HOUR),
      },
    ]);
  });
});
