import { pool } from "@videofly/db";
import { expect, it } from "vitest";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  type IdempotencyClaim,
  pruneIdempotencyKeys,
} from "../../src/idempotency/index.ts";
import { HOUR, kinds, later, NOW, request } from "./support.ts";

process.env.DATABASE_POOL_MAX = "30";

const RESPONSE = { status: 200, headers: {}, body: "{}" };

async function claimAt(now: Date, complete: boolean) {
  const req = request();
  const claim = await claimIdempotencyKey({ ...req, now });
  if (claim.kind !== "claimed") throw new Error(`expected a claim, got ${claim.kind}`);
  if (complete) await completeIdempotencyKey(claim.id, RESPONSE);
  return req;
}

const keysLeft = async () =>
  (await pool().query<{ key: string }>(`SELECT key FROM idempotency_key ORDER BY key`)).rows.map((r) => r.key).sort();

// Runs first in its own database: the counts below are of this file's rows only.
it("deletes every key past its expiry, completed or abandoned while running, and keeps the rest", async () => {
  const expired = await Promise.all([claimAt(NOW, true), claimAt(NOW, false), claimAt(later(HOUR), true)]);
  const kept = await Promise.all([claimAt(later(2 * HOUR), true), claimAt(later(2 * HOUR), false)]);
  const pruneAt = later(25 * HOUR);
  expect(await pruneIdempotencyKeys(pruneAt)).toBe(expired.length);
  expect(await keysLeft()).toEqual(kept.map((r) => r.key).sort());
  expect(await pruneIdempotencyKeys(pruneAt)).toBe(0);
  for (const r of kept) expect(await claimIdempotencyKey({ ...r, now: pruneAt })).not.toEqual({ kind: "claimed" });
});

it("deletes in batches: 2,500 expired keys all go in one call", async () => {
  await pool().query(
    `INSERT INTO idempotency_key (scope, route, key, "requestHash", state, "responseStatus", "responseHeaders",
                                  "responseBody", "createdAt", "expiresAt")
     SELECT 'user:bulk', 'POST /video/generate', 'bulk-' || g, 'h', 'COMPLETED', 200, '{}'::jsonb, '{}', $1, $2
       FROM generate_series(1, 2500) g`,
    [NOW, later(24 * HOUR)],
  );
  expect(await pruneIdempotencyKeys(later(24 * HOUR))).toBe(2500);
  const { rows } = await pool().query(`SELECT count(*)::int AS n FROM idempotency_key WHERE scope = 'user:bulk'`);
  expect(rows[0].n).toBe(0);
});

it("racing claims of expired keys: every key is claimed once and none of the new claims is pruned", async () => {
  const expired = await Promise.all(Array.from({ length: 20 }, () => claimAt(NOW, true)));
  const at = later(24 * HOUR);
  const [claims] = await Promise.all([
    Promise.all(expired.flatMap((r) => [r, r].map((x) => claimIdempotencyKey({ ...x, now: at })))),
    pruneIdempotencyKeys(at),
  ]);
  expect(kinds(claims as IdempotencyClaim[]).claimed).toBe(20);
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM idempotency_key WHERE state = 'RUNNING' AND key = ANY($1::text[])`,
    [expired.map((r) => r.key)],
  );
  expect(rows[0]?.n).toBe(20);
});
