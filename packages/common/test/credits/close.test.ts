import { db, LockNamespace, transaction } from "@videofly/db";
import { describe, expect, it } from "vitest";
import { clawbackCredits, closeCreditsInTransaction, grantCredits, holdCredits } from "../../src/credits/index.ts";
import { balanceOf, createUser, days, expectBooksBalanced, NOW } from "./support.ts";

const close = (userId: string, now: Date) =>
  transaction((client) => closeCreditsInTransaction(client, userId, { now, reason: "account deleted" }), {
    lock: [LockNamespace.creditUser, userId],
  });

describe("closing a user's credits (account deletion)", () => {
  it("releases every hold, expires every package through the ledger, keeps the debt, and the books balance", async () => {
    const u = await createUser();
    const other = await createUser("other");
    await grantCredits({
      userId: u,
      source: "PURCHASE",
      grantKey: `a:${u}`,
      credits: 30,
      expiresAt: days(10),
      now: NOW,
    });
    await grantCredits({ userId: u, source: "PURCHASE", grantKey: `b:${u}`, credits: 20, expiresAt: null, now: NOW });
    await grantCredits({
      userId: other,
      source: "PURCHASE",
      grantKey: `o:${other}`,
      credits: 7,
      expiresAt: null,
      now: NOW,
    });
    await holdCredits({ userId: u, reference: `v1:${u}`, amount: 25, now: NOW });
    await holdCredits({ userId: u, reference: `v2:${u}`, amount: 10, now: NOW });
    await holdCredits({ userId: other, reference: `v:${other}`, amount: 2, now: NOW });
    // 15 of b's credits are free, 5 frozen: the refund takes the 15 and owes 5.
    await clawbackCredits({ grantKey: `b:${u}`, clawbackKey: `refund:${u}`, now: NOW });
    expect(await balanceOf(u)).toEqual({ available: 0, frozen: 35, debt: 5 });
    const entriesBefore = await db().creditTransaction.count({ where: { userId: u } });

    // Package a is past its expiry by now, kept alive only by what is frozen in it.
    const later = days(20);
    expect(await close(u, later)).toEqual({ releasedHolds: 2, expiredCredits: 35 });

    expect(await balanceOf(u, later)).toEqual({ available: 0, frozen: 0, debt: 5 });
    const packages = await db().creditPackage.findMany({ where: { userId: u } });
    expect(packages.map((p) => [p.status, p.remainingCredits, p.frozenCredits])).toEqual([
      ["EXPIRED", 0, 0],
      ["EXPIRED", 0, 0],
    ]);
    const holds = await db().creditHold.findMany({ where: { userId: u } });
    expect(holds.map((h) => h.status)).toEqual(["RELEASED", "RELEASED"]);
    const entries = await db().creditTransaction.findMany({ where: { userId: u }, orderBy: { seq: "asc" } });
    // Three allocations released; a expires (30) when its last frozen credit comes back, b at the end (5).
    const added = entries.slice(entriesBefore);
    expect(added.map((e) => e.type).sort()).toEqual(["EXPIRE", "EXPIRE", "RELEASE", "RELEASE", "RELEASE"]);
    expect(added.filter((e) => e.type === "EXPIRE").map((e) => e.amount)).toEqual([-30, -5]);
    await expectBooksBalanced();

    // Someone else's credits are untouched; a second close finds nothing to do.
    expect(await balanceOf(other, later)).toEqual({ available: 5, frozen: 2, debt: 0 });
    expect(await close(u, later)).toEqual({ releasedHolds: 0, expiredCredits: 0 });
    await expectBooksBalanced();
  });
});
