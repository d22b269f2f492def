import { db, transaction } from "@videofly/db";
import { describe, expect, it } from "vitest";
import {
  clawbackOrDeferInTransaction,
  type DeferrableClawbackInput,
  grantCredits,
  holdCredits,
  reconcileCredits,
  settleHold,
} from "../../src/credits/index.ts";
import { balanceOf, createUser, expectBooksBalanced, NOW } from "./support.ts";

const clawback = (input: DeferrableClawbackInput) =>
  transaction((client) => clawbackOrDeferInTransaction(client, { now: NOW, ...input }));
const grant = (userId: string, grantKey: string, credits: number) =>
  grantCredits({ userId, source: "PURCHASE", grantKey, credits, expiresAt: null, now: NOW });
const clawbackEntries = (userId: string) =>
  db().creditTransaction.findMany({ where: { userId, type: "CLAWBACK" }, orderBy: { seq: "asc" } });

describe("a clawback that arrives before its grant", () => {
  it("waits for the grant, which applies it in its own transaction, exactly once", async () => {
    const u = await createUser();
    await grant(u, `bonus:${u}`, 20);
    expect(await clawback({ grantKey: `order:${u}`, clawbackKey: `refund:${u}` })).toEqual({
      deferred: true,
      recorded: true,
    });
    expect(await clawback({ grantKey: `order:${u}`, clawbackKey: `refund:${u}` })).toEqual({
      deferred: true,
      recorded: false,
    });
    expect(await balanceOf(u)).toEqual({ available: 20, frozen: 0, debt: 0 });

    const granted = await grant(u, `order:${u}`, 100);
    expect(granted).toMatchObject({ created: true, clawedBack: 100, package: { remainingCredits: 0 } });
    expect(await grant(u, `order:${u}`, 100)).toMatchObject({ created: false, clawedBack: 0 });
    // The same refund delivered again after the grant: already applied.
    expect(await clawback({ grantKey: `order:${u}`, clawbackKey: `refund:${u}` })).toMatchObject({
      deferred: false,
      applied: false,
    });
    expect(await balanceOf(u)).toEqual({ available: 20, frozen: 0, debt: 0 });
    const entries = await clawbackEntries(u);
    expect(entries.map((e) => [e.reference, e.amount, e.packageId])).toEqual([
      [`refund:${u}`, -100, granted.package.id],
    ]);
    expect(await db().pendingClawback.findUnique({ where: { clawbackKey: `refund:${u}` } })).toMatchObject({
      appliedAt: NOW,
    });
    await expectBooksBalanced();
  });

  it("takes a share rounded up, before older debt is paid from the rest", async () => {
    const u = await createUser();
    // An older debt of 30: a 50-credit order refunded after 30 of it were spent.
    await grant(u, `first:${u}`, 50);
    await holdCredits({ userId: u, reference: `v:${u}`, amount: 30, now: NOW });
    await settleHold(`v:${u}`, { now: NOW });
    await clawback({ grantKey: `first:${u}`, clawbackKey: `refund-first:${u}` });
    expect(await balanceOf(u)).toEqual({ available: 0, frozen: 0, debt: 30 });

    // A third of 100 credits refunded before they arrive: 34 go back; then the old debt takes 30.
    await clawback({ grantKey: `second:${u}`, clawbackKey: `refund-second:${u}`, share: { part: 330, of: 990 } });
    const second = await grant(u, `second:${u}`, 100);
    expect(second).toMatchObject({ clawedBack: 34, paidToDebt: 30, package: { remainingCredits: 36 } });
    expect(await balanceOf(u)).toEqual({ available: 36, frozen: 0, debt: 0 });
    await expectBooksBalanced();
  });

  it("meets its grant when both arrive at the same moment (30 rounds)", async () => {
    const u = await createUser();
    for (let round = 0; round < 30; round += 1) {
      const grantKey = `order:${u}:${round}`;
      await Promise.all([
        clawback({ grantKey, clawbackKey: `refund:${u}:${round}` }),
        grant(u, grantKey, 10),
        clawback({ grantKey, clawbackKey: `refund:${u}:${round}` }),
      ]);
      const pkg = await db().creditPackage.findUniqueOrThrow({ where: { grantKey } });
      expect(pkg.remainingCredits, `round ${round}`).toBe(0);
    }
    expect(await clawbackEntries(u)).toHaveLength(30);
    expect(await balanceOf(u)).toEqual({ available: 0, frozen: 0, debt: 0 });
    await expectBooksBalanced();
  });

  it("is named by reconcile when it still waits for a grant that exists", async () => {
    const u = await createUser();
    await grant(u, `order:${u}`, 10);
    // Written behind the engine's back, as a grant that skipped its waiting clawbacks would leave it.
    await db().pendingClawback.create({
      data: { grantKey: `order:${u}`, clawbackKey: `lost:${u}`, sharePart: 1, shareOf: 1 },
    });
    expect((await reconcileCredits()).filter((p) => p.userId === u)).toEqual([
      { userId: u, check: "pending_clawback", subject: `lost:${u}`, expected: "applied", actual: "waiting" },
    ]);
    await db().pendingClawback.update({ where: { clawbackKey: `lost:${u}` }, data: { appliedAt: NOW } });
  });
});
