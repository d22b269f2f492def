import { db } from "@videofly/db";
import { describe, expect, it } from "vitest";
import {
  clawbackCredits,
  expireCredits,
  grantCredits,
  holdCredits,
  releaseHold,
  releaseStaleHolds,
  settleHold,
} from "../../src/credits/index.ts";
import { balanceOf, createUser, DAY, days, expectBooksBalanced, NOW } from "./support.ts";

// Enough connections that the requests below really run side by side in PostgreSQL.
process.env.DATABASE_POOL_MAX = "40";

const settled = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);

describe("concurrency against a real PostgreSQL", () => {
  it("200 concurrent holds of 5 on 300 credits: exactly 60 succeed, 140 fail with E4001", async () => {
    const u = await createUser();
    await grantCredits({ userId: u, source: "PURCHASE", grantKey: `o:${u}`, credits: 300, expiresAt: null, now: NOW });
    const results = await settled(
      Array.from({ length: 200 }, (_, i) => holdCredits({ userId: u, reference: `v${i}:${u}`, amount: 5, now: NOW })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(60);
    expect(failed).toHaveLength(140);
    expect(new Set(failed.map((f) => (f.reason as { code?: string }).code))).toEqual(new Set(["E4001"]));
    expect(await balanceOf(u)).toEqual({ available: 0, frozen: 300, debt: 0 });
    const negative = await db().creditPackage.count({
      where: { OR: [{ remainingCredits: { lt: 0 } }, { frozenCredits: { lt: 0 } }] },
    });
    expect(negative).toBe(0);
    await expectBooksBalanced();
  });

  it("settle vs release vs a second settle on one hold, 100 rounds: exactly one wins each time", async () => {
    const u = await createUser();
    await grantCredits({ userId: u, source: "PURCHASE", grantKey: `o:${u}`, credits: 1000, expiresAt: null, now: NOW });
    let settledWins = 0;
    let releasedWins = 0;
    for (let round = 0; round < 100; round += 1) {
      const reference = `race${round}:${u}`;
      await holdCredits({ userId: u, reference, amount: 3, now: NOW });
      const results = await Promise.all([
        settleHold(reference, { now: NOW }),
        releaseHold(reference, { now: NOW }),
        settleHold(reference, { now: NOW }),
      ]);
      const winners = results.filter((r) => r.resolved);
      expect(winners).toHaveLength(1);
      const status = winners[0]?.hold.status;
      if (status === "SETTLED") settledWins += 1;
      else releasedWins += 1;
      for (const loser of results.filter((r) => !r.resolved)) expect(loser.previousStatus).toBe(status);
    }
    expect(settledWins + releasedWins).toBe(100);
    const entries = await db().creditTransaction.groupBy({ by: ["type"], where: { userId: u }, _count: true });
    const count = Object.fromEntries(entries.map((e) => [e.type, e._count]));
    expect(count).toMatchObject({ HOLD: 100 });
    expect((count.SETTLE ?? 0) + (count.RELEASE ?? 0)).toBe(100);
    expect(await balanceOf(u)).toEqual({ available: 1000 - 3 * settledWins, frozen: 0, debt: 0 });
    await expectBooksBalanced();
  });

  it("the same grant key granted 50 times at once: one package", async () => {
    const u = await createUser();
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        grantCredits({ userId: u, source: "PURCHASE", grantKey: `order:${u}`, credits: 40, expiresAt: null, now: NOW }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.package.id)).size).toBe(1);
    expect(await db().creditPackage.count({ where: { userId: u } })).toBe(1);
    expect(await balanceOf(u)).toEqual({ available: 40, frozen: 0, debt: 0 });
    await expectBooksBalanced();
  });

  it("expiry racing holds on the same packages never spends an expired credit nor loses one", async () => {
    const u = await createUser();
    // Two packages expire at the boundary; one survives.
    await grantCredits({ userId: u, source: "PROMO", grantKey: `a:${u}`, credits: 50, expiresAt: days(1), now: NOW });
    await grantCredits({
      userId: u,
      source: "PURCHASE",
      grantKey: `b:${u}`,
      credits: 50,
      expiresAt: days(1),
      now: NOW,
    });
    await grantCredits({
      userId: u,
      source: "PURCHASE",
      grantKey: `c:${u}`,
      credits: 30,
      expiresAt: days(9),
      now: NOW,
    });
    // Holds made just before the boundary may take the expiring credits; holds at the boundary must not.
    const before = new Date(days(1).getTime() - 1);
    const at = days(1);
    const work: Promise<unknown>[] = [
      ...Array.from({ length: 20 }, (_, i) =>
        holdCredits({ userId: u, reference: `pre${i}:${u}`, amount: 4, now: before }),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        holdCredits({ userId: u, reference: `post${i}:${u}`, amount: 4, now: at }),
      ),
      expireCredits({ now: at }),
      expireCredits({ now: at }),
    ];
    await settled(work);
    const holds = await db().creditHold.findMany({
      where: { userId: u },
      include: { allocations: { include: { package: true } } },
    });
    for (const h of holds.filter((x) => x.reference.startsWith("post"))) {
      for (const a of h.allocations) expect(a.package.grantKey).toBe(`c:${u}`);
    }
    // Whatever the interleaving, once every hold is settled and expiry has run, nothing is left frozen
    // and the books balance.
    for (const h of holds) await settleHold(h.reference, { now: at });
    await expireCredits({ now: at });
    const packages = await db().creditPackage.findMany({ where: { userId: u } });
    for (const p of packages.filter((x) => x.grantKey !== `c:${u}`)) {
      expect(p).toMatchObject({ status: "EXPIRED", remainingCredits: 0, frozenCredits: 0 });
    }
    await expectBooksBalanced();
  });

  it("a hold spanning three packages of different expiry draws soonest first, also under contention", async () => {
    const u = await createUser();
    const late = await grantCredits({
      userId: u,
      source: "PURCHASE",
      grantKey: `late:${u}`,
      credits: 20,
      expiresAt: days(30),
      now: NOW,
    });
    const soon = await grantCredits({
      userId: u,
      source: "PURCHASE",
      grantKey: `soon:${u}`,
      credits: 10,
      expiresAt: days(2),
      now: NOW,
    });
    const mid = await grantCredits({
      userId: u,
      source: "PURCHASE",
      grantKey: `mid:${u}`,
      credits: 10,
      expiresAt: days(10),
      now: NOW,
    });
    const [big] = await Promise.all([
      holdCredits({ userId: u, reference: `big:${u}`, amount: 25, now: NOW }),
      ...Array.from({ length: 5 }, (_, i) =>
        holdCredits({ userId: u, reference: `small${i}:${u}`, amount: 1, now: NOW }),
      ),
    ]);
    // In any interleaving, 30 credits drawn soonest-first drain `soon`, then `mid`, then 10 of `late`.
    const packages = new Map((await db().creditPackage.findMany({ where: { userId: u } })).map((p) => [p.id, p]));
    expect(packages.get(soon.package.id)).toMatchObject({ remainingCredits: 0, frozenCredits: 10 });
    expect(packages.get(mid.package.id)).toMatchObject({ remainingCredits: 0, frozenCredits: 10 });
    expect(packages.get(late.package.id)).toMatchObject({ remainingCredits: 10, frozenCredits: 10 });
    const allocations = await db().creditHoldAllocation.findMany({ where: { holdId: big.hold.id } });
    expect(allocations.length).toBeGreaterThanOrEqual(2);
    expect(allocations.reduce((sum, a) => sum + a.amount, 0)).toBe(25);
    await expectBooksBalanced();
  });

  it("stale-hold jobs running twice at once release each hold once", async () => {
    const u = await createUser();
    await grantCredits({ userId: u, source: "PURCHASE", grantKey: `o:${u}`, credits: 100, expiresAt: null, now: NOW });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        holdCredits({ userId: u, reference: `s${i}:${u}`, amount: 2, ttlMs: DAY, now: NOW }),
      ),
    );
    const stale = await db().creditHold.count({ where: { status: "HELD", expiresAt: { lte: days(2) } } });
    const [a, b] = await Promise.all([releaseStaleHolds({ now: days(2) }), releaseStaleHolds({ now: days(2) })]);
    expect(a.released + b.released).toBe(stale);
    expect(await db().creditHold.count({ where: { status: "HELD", expiresAt: { lte: days(2) } } })).toBe(0);
    expect(await db().creditTransaction.count({ where: { userId: u, type: "RELEASE" } })).toBe(20);
    await expectBooksBalanced();
  });

  it("a clawback delivered 20 times at once applies once", async () => {
    const u = await createUser();
    await grantCredits({
      userId: u,
      source: "PURCHASE",
      grantKey: `order:${u}`,
      credits: 30,
      expiresAt: null,
      now: NOW,
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        clawbackCredits({ grantKey: `order:${u}`, clawbackKey: `refund:${u}`, now: NOW }),
      ),
    );
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    expect(await balanceOf(u)).toEqual({ available: 0, frozen: 0, debt: 0 });
    await expectBooksBalanced();
  });
});
