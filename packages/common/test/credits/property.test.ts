import { db } from "@videofly/db";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adjustCredits,
  clawbackCredits,
  expireCredits,
  getBalance,
  grantCredits,
  holdCredits,
  reconcileCredits,
  releaseHold,
  releaseStaleHolds,
  settleHold,
} from "../../src/credits/index.ts";
import { createUser, DAY, NOW } from "./support.ts";

process.env.DATABASE_POOL_MAX = "20";

const USERS = 3;

const source = fc.constantFrom("SIGNUP_BONUS", "PURCHASE", "SUBSCRIPTION", "ADMIN_GRANT", "PROMO" as const);
const user = fc.integer({ min: 0, max: USERS - 1 });
const op = fc.oneof(
  fc.record({
    kind: fc.constant("grant" as const),
    user,
    credits: fc.integer({ min: 1, max: 60 }),
    days: fc.option(fc.integer({ min: 1, max: 20 })),
    source,
  }),
  fc.record({
    kind: fc.constant("hold" as const),
    user,
    amount: fc.integer({ min: 1, max: 40 }),
    ttlDays: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant("settle" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("release" as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant("clawback" as const),
    pick: fc.nat(),
    partial: fc.option(fc.integer({ min: 1, max: 30 })),
  }),
  fc.record({
    kind: fc.constant("adjust" as const),
    user,
    credits: fc.integer({ min: -30, max: 30 }).filter((n) => n !== 0),
  }),
  fc.record({ kind: fc.constant("advance" as const), days: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant("expire" as const) }),
  fc.record({ kind: fc.constant("releaseStale" as const) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

// Operations within one batch run at the same time; batches run one after another.
const scenario = fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 5, maxLength: 25, size: "max" });

const EXPECTED_ERRORS = new Set(["E4001"]);

let longest = 0;
let runs = 0;

async function run(batches: Op[][]) {
  runs += 1;
  const users = await Promise.all(Array.from({ length: USERS }, (_, i) => createUser(`p${i}`)));
  const holds: string[] = [];
  const grants: string[] = [];
  let now = NOW;
  let n = 0;
  const pick = <T>(list: T[], i: number) => (list.length ? list[i % list.length] : undefined);
  const apply = async (o: Op): Promise<void> => {
    n += 1;
    const id = `${users[0]}:${n}`;
    switch (o.kind) {
      case "grant": {
        const key = `grant:${id}`;
        const expiresAt = o.days === null ? null : new Date(now.getTime() + o.days * DAY);
        await grantCredits({
          userId: users[o.user] as string,
          source: o.source,
          grantKey: key,
          credits: o.credits,
          expiresAt,
          now,
        });
        grants.push(key);
        return;
      }
      case "hold": {
        const reference = `hold:${id}`;
        await holdCredits({
          userId: users[o.user] as string,
          reference,
          amount: o.amount,
          ttlMs: o.ttlDays * DAY,
          now,
        });
        holds.push(reference);
        return;
      }
      case "settle":
      case "release": {
        const reference = pick(holds, o.pick);
        if (reference) await (o.kind === "settle" ? settleHold : releaseHold)(reference, { now });
        return;
      }
      case "clawback": {
        const grantKey = pick(grants, o.pick);
        if (grantKey)
          await clawbackCredits({ grantKey, clawbackKey: `refund:${id}`, credits: o.partial ?? undefined, now });
        return;
      }
      case "adjust":
        await adjustCredits({
          user: { id: users[o.user] as string },
          credits: o.credits,
          reason: "property",
          actorId: "admin",
          now,
        });
        return;
      case "advance":
        now = new Date(now.getTime() + o.days * DAY);
        return;
      case "expire":
        await expireCredits({ now });
        return;
      case "releaseStale":
        await releaseStaleHolds({ now });
        return;
    }
  };

  for (const batch of batches) {
    const results = await Promise.allSettled(batch.map(apply));
    for (const r of results) {
      if (r.status === "rejected") {
        const code = (r.reason as { code?: string }).code;
        // A short balance is the only refusal expected.
        if (!code || !EXPECTED_ERRORS.has(code)) throw r.reason;
      }
    }
  }
  const problems = await reconcileCredits();
  expect(problems).toEqual([]);
  for (const u of users) {
    const b = await getBalance(u, now);
    expect(b.available).toBeGreaterThanOrEqual(0);
    expect(b.frozen).toBeGreaterThanOrEqual(0);
  }
  longest = Math.max(longest, batches.flat().length);
}

describe("credit engine properties", () => {
  it("any sequence of operations, some concurrent, leaves the books balanced", async () => {
    await fc.assert(fc.asyncProperty(scenario, run), { numRuns: 100 });
    const violations = await db().$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM credit_package
       WHERE "remainingCredits" < 0 OR "frozenCredits" < 0 OR "remainingCredits" + "frozenCredits" > "initialCredits"`;
    expect(Number(violations[0]?.n)).toBe(0);
    const problems = await reconcileCredits();
    expect(problems).toEqual([]);
    console.log(
      `credit property test: ${runs} runs, longest ${longest} operations, reconcile() = ${JSON.stringify(problems)}`,
    );
  }, 120_000);
});
