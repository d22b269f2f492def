import { db, transaction } from "@videofly/db";
import { describe, expect, it } from "vitest";
import {
  adjustCredits,
  clawbackCredits,
  creditHistory,
  expireCredits,
  getBalance,
  grantCredits,
  grantCreditsInTransaction,
  holdCredits,
  holdManyCreditsInTransaction,
  listPackages,
  releaseHold,
  releaseStaleHolds,
  settleHold,
} from "../../src/credits/index.ts";
import { historyQuery, packagesQuery } from "../../src/credits/schemas.ts";
import { balanceOf, createUser, DAY, days, expectBooksBalanced, NOW } from "./support.ts";

const grant = (userId: string, key: string, credits: number, expiresAt: Date | null, source = "PURCHASE" as const) =>
  grantCredits({ userId, source, grantKey: key, credits, expiresAt, now: NOW });

describe("grant", () => {
  it("creates a package and writes a GRANT entry; the same key again returns the first package", async () => {
    const u = await createUser();
    const first = await grant(u, `order:${u}`, 100, days(30));
    expect(first.created).toBe(true);
    expect(first.package).toMatchObject({
      initialCredits: 100,
      remainingCredits: 100,
      frozenCredits: 0,
      status: "ACTIVE",
    });
    const again = await grant(u, `order:${u}`, 100, days(30));
    expect(again).toMatchObject({ created: false, package: { id: first.package.id } });
    expect(await balanceOf(u)).toEqual({ available: 100, frozen: 0, debt: 0 });
    const history = await creditHistory(u);
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({
      type: "GRANT",
      amount: 100,
      availableAfter: 100,
      packageId: first.package.id,
    });
    await expectBooksBalanced();
  });

  it("refuses a grant key already used by another user, a non-positive amount and a past expiry", async () => {
    const a = await createUser();
    const b = await createUser();
    await grant(a, `order:shared:${a}`, 10, null);
    await expect(grant(b, `order:shared:${a}`, 10, null)).rejects.toMatchObject({ code: "E4090" });
    await expect(grant(a, `x:${a}`, 0, null)).rejects.toMatchObject({ code: "E4000" });
    await expect(grant(a, `y:${a}`, 1.5, null)).rejects.toMatchObject({ code: "E4000" });
    await expect(grant(a, `z:${a}`, 5, days(-1))).rejects.toMatchObject({ code: "E4000" });
  });

  it("answers a redelivery after the credits' expiry with the first package, not a validation error", async () => {
    const u = await createUser();
    const expiresAt = new Date(Date.now() + 60_000);
    const first = await grantCredits({ userId: u, source: "PURCHASE", grantKey: `late:${u}`, credits: 7, expiresAt });
    const redelivered = { userId: u, source: "PURCHASE" as const, grantKey: `late:${u}`, credits: 7, expiresAt };
    const now = new Date(expiresAt.getTime() + 86_400_000);
    const late = await grantCredits({ ...redelivered, now });
    expect(late).toMatchObject({ created: false, package: { id: first.package.id } });
    const inWebhook = await transaction((client) => grantCreditsInTransaction(client, { ...redelivered, now }));
    expect(inWebhook).toMatchObject({ created: false, package: { id: first.package.id } });
    await expectBooksBalanced();
  });
});

describe("hold, settle, release", () => {
  it("draws soonest expiry first, promotional before paid on a tie, never-expiring last", async () => {
    const u = await createUser();
    const never = await grant(u, `never:${u}`, 10, null);
    const paidSoon = await grant(u, `paid:${u}`, 10, days(10));
    const promoSoon = await grant(u, `promo:${u}`, 10, days(10), "PROMO" as never);
    const later = await grant(u, `later:${u}`, 10, days(20));

    const { hold } = await holdCredits({ userId: u, reference: `video:${u}`, amount: 25, now: NOW });
    const packages = await db().creditPackage.findMany({ where: { userId: u } });
    const byId = new Map(packages.map((p) => [p.id, p]));
    expect(byId.get(promoSoon.package.id)).toMatchObject({ remainingCredits: 0, frozenCredits: 10 });
    expect(byId.get(paidSoon.package.id)).toMatchObject({ remainingCredits: 0, frozenCredits: 10 });
    expect(byId.get(later.package.id)).toMatchObject({ remainingCredits: 5, frozenCredits: 5 });
    expect(byId.get(never.package.id)).toMatchObject({ remainingCredits: 10, frozenCredits: 0 });
    const allocations = await db().creditHoldAllocation.findMany({ where: { holdId: hold.id } });
    expect(allocations.map((a) => a.amount).sort()).toEqual([10, 10, 5].sort());
    expect(await balanceOf(u)).toEqual({ available: 15, frozen: 25, debt: 0 });
    await expectBooksBalanced();
  });

  it("holds many at once as one by one would: each its own hold, drawn in spending order, all or none", async () => {
    const u = await createUser();
    const soon = await grant(u, `soon:${u}`, 5, days(10));
    const never = await grant(u, `never:${u}`, 10, null);
    const holds = [3, 3, 3].map((amount, i) => ({ reference: `batch:${u}:${i}`, amount }));
    const { holds: made, available } = await transaction((client) =>
      holdManyCreditsInTransaction(client, { userId: u, holds, now: NOW }),
    );
    expect(available).toBe(6);
    const allocations = await db().creditHoldAllocation.findMany({ where: { holdId: { in: made.map((h) => h.id) } } });
    const of = (i: number) =>
      allocations
        .filter((a) => a.holdId === made[i]?.id)
        .map((a) => [
          a.packageId === soon.package.id ? "soon" : a.packageId === never.package.id ? "never" : "?",
          a.amount,
        ])
        .sort();
    expect([of(0), of(1), of(2)]).toEqual([
      [["soon", 3]],
      [
        ["never", 1],
        ["soon", 2],
      ],
      [["never", 3]],
    ]);
    const ledger = await db().creditTransaction.count({ where: { userId: u, type: "HOLD" } });
    expect(ledger).toBe(4);
    await settleHold(`batch:${u}:1`, { now: NOW });
    await releaseHold(`batch:${u}:2`, { now: NOW });
    expect(await balanceOf(u)).toEqual({ available: 9, frozen: 3, debt: 0 });
    // Short for the whole: nothing held; a reference already used: a conflict.
    const short = [1, 2].map((i) => ({ reference: `more:${u}:${i}`, amount: 5 }));
    await expect(
      transaction((client) => holdManyCreditsInTransaction(client, { userId: u, holds: short, now: NOW })),
    ).rejects.toMatchObject({ code: "E4001", details: { required: 10, available: 9, shortfall: 1 } });
    await expect(
      transaction((client) =>
        holdManyCreditsInTransaction(client, {
          userId: u,
          holds: [{ reference: `batch:${u}:0`, amount: 1 }],
          now: NOW,
        }),
      ),
    ).rejects.toMatchObject({ code: "E4090" });
    expect(await balanceOf(u)).toEqual({ available: 9, frozen: 3, debt: 0 });
    await expectBooksBalanced();
  });

  it("fails with E4001 and the shortfall when short, changing nothing", async () => {
    const u = await createUser();
    await grant(u, `o:${u}`, 7, days(5));
    const error = await holdCredits({ userId: u, reference: `v:${u}`, amount: 10, now: NOW }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "E4001", status: 402, details: { required: 10, available: 7, shortfall: 3 } });
    expect(await balanceOf(u)).toEqual({ available: 7, frozen: 0, debt: 0 });
    expect(await db().creditHold.count({ where: { userId: u } })).toBe(0);
  });

  it("returns the first hold for a repeated reference", async () => {
    const u = await createUser();
    await grant(u, `o:${u}`, 20, null);
    const first = await holdCredits({ userId: u, reference: `v:${u}`, amount: 5, now: NOW });
    const second = await holdCredits({ userId: u, reference: `v:${u}`, amount: 5, now: NOW });
    expect(second).toMatchObject({ created: false, hold: { id: first.hold.id } });
    expect(await balanceOf(u)).toEqual({ available: 15, frozen: 5, debt: 0 });
  });

  it("settles once: credits are spent, a second settle or a release is a reported no-op", async () => {
    const u = await createUser();
    await grant(u, `o:${u}`, 20, null);
    await holdCredits({ userId: u, reference: `v:${u}`, amount: 8, now: NOW });
    const settled = await settleHold(`v:${u}`, { now: NOW });
    expect(settled).toMatchObject({ resolved: true, previousStatus: "HELD", hold: { status: "SETTLED" } });
    expect(await settleHold(`v:${u}`, { now: NOW })).toMatchObject({ resolved: false, previousStatus: "SETTLED" });
    expect(await releaseHold(`v:${u}`, { now: NOW })).toMatchObject({ resolved: false, previousStatus: "SETTLED" });
    expect(await balanceOf(u)).toEqual({ available: 12, frozen: 0, debt: 0 });
    const types = (await creditHistory(u)).items.map((e) => e.type);
    expect(types).toEqual(["SETTLE", "HOLD", "GRANT"]);
    await expectBooksBalanced();
  });

  it("releases once: credits come back", async () => {
    const u = await createUser();
    await grant(u, `o:${u}`, 20, null);
    await holdCredits({ userId: u, reference: `v:${u}`, amount: 8, now: NOW });
    expect(await releaseHold(`v:${u}`, { now: NOW })).toMatchObject({ resolved: true });
    expect(await settleHold(`v:${u}`, { now: NOW })).toMatchObject({ resolved: false, previousStatus: "RELEASED" });
    expect(await balanceOf(u)).toEqual({ available: 20, frozen: 0, debt: 0 });
    await expectBooksBalanced();
  });

  it("expires released credits at once when their package expired while they were held", async () => {
    const u = await createUser();
    await grant(u, `o:${u}`, 10, days(1));
    await holdCredits({ userId: u, reference: `v:${u}`, amount: 4, now: NOW });
    const later = days(2);
    // Past expiry but frozen: the expiry job must leave it alone.
    expect(await expireCredits({ now: later })).toMatchObject({ packages: 0 });
    const released = await releaseHold(`v:${u}`, { now: later });
    expect(released.expiredOnRelease).toBe(4);
    const [pkg] = await db().creditPackage.findMany({ where: { userId: u } });
    expect(pkg).toMatchObject({ status: "EXPIRED", remainingCredits: 0, frozenCredits: 0 });
    expect(await balanceOf(u, later)).toEqual({ available: 0, frozen: 0, debt: 0 });
    await expectBooksBalanced();
  });

  it("rejects a hold for a reference that belongs to someone else", async () => {
    const a = await createUser();
    const b = await createUser();
    await grant(a, `o:${a}`, 10, null);
    await grant(b, `o:${b}`, 10, null);
    await holdCredits({ userId: a, reference: `shared:${a}`, amount: 2, now: NOW });
    await expect(holdCredits({ userId: b, reference: `shared:${a}`, amount: 2, now: NOW })).rejects.toMatchObject({
      code: "E4090",
    });
  });

  it("answers 404 for an unknown hold", async () => {
    await expect(settleHold("no-such-reference")).rejects.toMatchObject({ code: "E4040" });
  });
});

describe("expiry jobs", () => {
  it("expires packages past their date, with an EXPIRE entry, and only once", async () => {
    const u = await createUser();
    await grant(u, `a:${u}`, 10, days(1));
    await grant(u, `b:${u}`, 5, days(3));
    const first = await expireCredits({ now: days(2) });
    expect(first).toMatchObject({ packages: 1, credits: 10 });
    expect(await expireCredits({ now: days(2) })).toMatchObject({ packages: 0 });
    expect(await balanceOf(u, days(2))).toEqual({ available: 5, frozen: 0, debt: 0 });
    expect((await creditHistory(u, { type: "EXPIRE" })).items).toMatchObject([{ amount: -10 }]);
    await expectBooksBalanced();
  });

  it("releases holds past their TTL", async () => {
    const u = await createUser();
    await grant(u, `a:${u}`, 10, null);
    await holdCredits({ userId: u, reference: `stale:${u}`, amount: 3, ttlMs: DAY, now: NOW });
    await holdCredits({ userId: u, reference: `fresh:${u}`, amount: 2, ttlMs: 3 * DAY, now: NOW });
    const result = await releaseStaleHolds({ now: days(2) });
    expect(result.released).toBeGreaterThanOrEqual(1);
    expect(await db().creditHold.findUnique({ where: { reference: `stale:${u}` } })).toMatchObject({
      status: "RELEASED",
    });
    expect(await db().creditHold.findUnique({ where: { reference: `fresh:${u}` } })).toMatchObject({ status: "HELD" });
    expect(await balanceOf(u, days(2))).toEqual({ available: 8, frozen: 2, debt: 0 });
  });
});

describe("clawback and debt", () => {
  it("takes from the refunded package first, then the newest; the rest becomes debt paid by the next grant", async () => {
    const u = await createUser();
    await grant(u, `old:${u}`, 10, null);
    const order = await grant(u, `order:${u}`, 50, null);
    await grant(u, `new:${u}`, 10, null);
    // Spend 45 of the order's... spending order is oldest first for never-expiring: old (10), order (35).
    await holdCredits({ userId: u, reference: `v1:${u}`, amount: 45, now: NOW });
    await settleHold(`v1:${u}`, { now: NOW });
    // order has 15 left, new 10, old 0: refund of 50 takes 15 + 10, owes 25.
    const result = await clawbackCredits({ grantKey: `order:${u}`, clawbackKey: `refund:${u}`, now: NOW });
    expect(result).toMatchObject({ taken: 25, debt: 25, applied: true });
    expect(await db().creditPackage.findUnique({ where: { id: order.package.id } })).toMatchObject({
      remainingCredits: 0,
    });
    expect(await balanceOf(u)).toEqual({ available: 0, frozen: 0, debt: 25 });
    expect(await clawbackCredits({ grantKey: `order:${u}`, clawbackKey: `refund:${u}`, now: NOW })).toMatchObject({
      applied: false,
    });
    await expectBooksBalanced();

    const next = await grant(u, `renewal:${u}`, 40, null);
    expect(next.paidToDebt).toBe(25);
    expect(next.package).toMatchObject({ initialCredits: 40, remainingCredits: 15 });
    expect(await balanceOf(u)).toEqual({ available: 15, frozen: 0, debt: 0 });
    await expectBooksBalanced();
  });

  it("leaves frozen credits to their hold", async () => {
    const u = await createUser();
    await grant(u, `order:${u}`, 10, null);
    await holdCredits({ userId: u, reference: `v:${u}`, amount: 6, now: NOW });
    const result = await clawbackCredits({ grantKey: `order:${u}`, clawbackKey: `dispute:${u}`, now: NOW });
    expect(result).toMatchObject({ taken: 4, debt: 6 });
    expect(await balanceOf(u)).toEqual({ available: 0, frozen: 6, debt: 6 });
    await releaseHold(`v:${u}`, { now: NOW });
    expect(await balanceOf(u)).toEqual({ available: 6, frozen: 0, debt: 6 });
    await expectBooksBalanced();
  });

  it("answers 404 for an unknown grant", async () => {
    await expect(clawbackCredits({ grantKey: "nope", clawbackKey: "r" })).rejects.toMatchObject({ code: "E4040" });
  });
});

describe("admin adjust", () => {
  it("grants and deducts with the admin's id and reason", async () => {
    const u = await createUser();
    const admin = await createUser("admin");
    const plus = await adjustCredits({
      user: { id: u },
      credits: 30,
      reason: "goodwill",
      actorId: admin,
      expiresInDays: 10,
      now: NOW,
    });
    expect(plus.packageId).toMatch(/^pkg_/);
    const email = (await db().user.findUniqueOrThrow({ where: { id: u } })).email;
    await adjustCredits({
      user: { email: email.toUpperCase() },
      credits: -12,
      reason: "correction",
      actorId: admin,
      now: NOW,
    });
    expect(await balanceOf(u)).toEqual({ available: 18, frozen: 0, debt: 0 });
    const entries = (await creditHistory(u, { type: "ADJUST" })).items;
    expect(entries.map((e) => [e.amount, e.reason])).toEqual([
      [-12, "correction"],
      [30, "goodwill"],
    ]);
    await expect(adjustCredits({ user: { id: u }, credits: -100, reason: "x", actorId: admin })).rejects.toMatchObject({
      code: "E4001",
    });
    await expect(
      adjustCredits({ user: { id: "missing" }, credits: 5, reason: "x", actorId: admin }),
    ).rejects.toMatchObject({
      code: "E4040",
    });
    await expectBooksBalanced();
  });
});

describe("queries", () => {
  it("shows what expires within 7 days and lists packages in spending order, page by page", async () => {
    const u = await createUser();
    await grant(u, `p1:${u}`, 5, days(3));
    await grant(u, `p2:${u}`, 6, days(20));
    await grant(u, `p3:${u}`, 7, null);
    await grant(u, `p4:${u}`, 8, days(6));
    const balance = await getBalance(u, NOW);
    expect(balance.expiringSoon).toMatchObject({ credits: 13, withinDays: 7 });
    expect(balance.expiringSoon.packages.map((p) => p.remainingCredits)).toEqual([5, 8]);

    const first = await listPackages(u, { limit: 3 });
    expect(first.items.map((p) => p.initialCredits)).toEqual([5, 8, 6]);
    expect(first.nextCursor).not.toBeNull();
    const second = await listPackages(u, { ...packagesQuery.parse({ cursor: first.nextCursor }), limit: 3 });
    expect(second).toMatchObject({ items: [{ initialCredits: 7 }], nextCursor: null });
    expect(packagesQuery.safeParse({ cursor: "garbage" }).error?.issues[0]?.path).toEqual(["cursor"]);
  });

  it("pages the history newest first and filters by type", async () => {
    const u = await createUser();
    for (let i = 0; i < 5; i += 1) await grant(u, `g${i}:${u}`, i + 1, null);
    await holdCredits({ userId: u, reference: `v:${u}`, amount: 1, now: NOW });
    const page1 = await creditHistory(u, { limit: 4 });
    expect(page1.items.map((e) => e.type)).toEqual(["HOLD", "GRANT", "GRANT", "GRANT"]);
    const page2 = await creditHistory(u, { ...historyQuery.parse({ cursor: page1.nextCursor }), limit: 4 });
    expect(page2.items.map((e) => e.amount)).toEqual([2, 1]);
    expect(page2.nextCursor).toBeNull();
    expect((await creditHistory(u, { type: "HOLD" })).items).toHaveLength(1);
  });
});
