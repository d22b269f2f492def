import { randomUUID } from "node:crypto";
import { db } from "@videofly/db";
import { describe, expect, inject, it } from "vitest";
import { available, DAY, newUser, packagesOf } from "./support/billing";
import { deliver, dispute, packCheckout, refund, subscriptionCheckout } from "./support/creem";

// These tests look into (and once disturb) the running app's own database.
process.env.DATABASE_URL = inject("appDatabaseUrl");
process.env.DATABASE_POOL_MAX = "5";

describe("Creem webhook: a refund or dispute that arrives before its purchase", () => {
  const processedOutcome = { status: 200, body: { data: { outcome: "processed" } } };
  const duplicateOutcome = { status: 200, body: { data: { outcome: "duplicate" } } };
  const clawbacksOf = async (userId: string) =>
    (await db().creditTransaction.findMany({ where: { userId, type: "CLAWBACK" }, orderBy: { seq: "asc" } })).map(
      (t) => ({ reference: t.reference, amount: t.amount, packageId: t.packageId }),
    );
  const booksOf = async (userId: string) => {
    const { reconcileCredits } = await import("@videofly/common");
    return (await reconcileCredits()).filter((p) => p.userId === userId);
  };
  const startingBalance = async (cookie: string) => {
    const balance = await available(cookie);
    if (!balance) throw new Error("no balance");
    return balance;
  };
  const orderPackage = async (userId: string, orderId: string) =>
    (await packagesOf(userId)).find((p) => p.grantKey === `creem:order:${orderId}`);

  it("keeps a refund that comes first and claws the pack back when the purchase arrives, once", async () => {
    const u = await newUser("refund-first");
    const before = await startingBalance(u.cookie);
    const orderId = `ord_${randomUUID().slice(0, 12)}`;
    const early = refund({ amount: 990, paid: 990, orderId });
    expect(await deliver(early)).toMatchObject(processedOutcome);
    expect(await deliver(early)).toMatchObject(duplicateOutcome);

    const { body: purchase } = packCheckout({ userId: u.userId, customer: u.customer, orderId });
    expect(await deliver(purchase)).toMatchObject(processedOutcome);
    expect(await deliver(purchase)).toMatchObject(duplicateOutcome);
    expect(await deliver(early)).toMatchObject(duplicateOutcome);

    const pack = await orderPackage(u.userId, orderId);
    expect(pack).toMatchObject({ initialCredits: 100, remainingCredits: 0 });
    expect(await clawbacksOf(u.userId)).toEqual([
      { reference: `creem:refund:${early.object.id}`, amount: -100, packageId: pack?.id },
    ]);
    expect(await available(u.cookie)).toMatchObject({ available: before.available, debt: 0 });
    expect(await booksOf(u.userId)).toEqual([]);
  });

  it("does the same for a dispute, and for a partial refund of a period before its checkout", async () => {
    const u = await newUser("dispute-first");
    const before = await startingBalance(u.cookie);
    const orderId = `ord_${randomUUID().slice(0, 12)}`;
    const early = dispute({ amount: 990, paid: 990, orderId });
    expect(await deliver(early)).toMatchObject(processedOutcome);
    expect(await deliver(packCheckout({ userId: u.userId, customer: u.customer, orderId }).body)).toMatchObject(
      processedOutcome,
    );
    const pack = await orderPackage(u.userId, orderId);
    expect(await clawbacksOf(u.userId)).toEqual([
      { reference: `creem:dispute:${early.object.id}`, amount: -100, packageId: pack?.id },
    ]);
    expect(await available(u.cookie)).toMatchObject({ available: before.available, debt: 0 });

    // Half of a period's 1900 cents refunded before the checkout that grants its 600 credits: 300 go.
    const subscriptionId = `sub_${randomUUID().slice(0, 12)}`;
    const p1 = new Date(Date.now() - DAY);
    expect(await deliver(refund({ amount: 950, paid: 1900, subscriptionId, periodStart: p1 }))).toMatchObject(
      processedOutcome,
    );
    expect(
      await deliver(subscriptionCheckout({ userId: u.userId, customer: u.customer, subscriptionId, periodStart: p1 })),
    ).toMatchObject(processedOutcome);
    const period = (await packagesOf(u.userId)).find((p) => p.source === "SUBSCRIPTION");
    expect(period).toMatchObject({ initialCredits: 600, remainingCredits: 300 });
    expect(await available(u.cookie)).toMatchObject({ available: before.available + 300, debt: 0 });
    expect(await booksOf(u.userId)).toEqual([]);
  });

  it("applies a refund delivered many times at once exactly once, also while its purchase arrives", async () => {
    const u = await newUser("refund-burst");
    const before = await startingBalance(u.cookie);
    const orderId = `ord_${randomUUID().slice(0, 12)}`;
    const early = refund({ amount: 990, paid: 990, orderId });
    const burst = await Promise.all(Array.from({ length: 10 }, () => deliver(early)));
    expect(burst.every((r) => r.status === 200)).toBe(true);
    expect(burst.filter((r) => r.body?.data?.outcome === "processed")).toHaveLength(1);
    await deliver(packCheckout({ userId: u.userId, customer: u.customer, orderId }).body);
    expect(await orderPackage(u.userId, orderId)).toMatchObject({ remainingCredits: 0 });

    // The refund (twice) and its purchase at the same moment: whichever is first, the pack goes once.
    const refunds: string[] = [`creem:refund:${early.object.id}`];
    for (let round = 0; round < 10; round += 1) {
      const order = `ord_${randomUUID().slice(0, 12)}`;
      const late = refund({ amount: 990, paid: 990, orderId: order });
      refunds.push(`creem:refund:${late.object.id}`);
      const results = await Promise.all([
        deliver(late),
        deliver(packCheckout({ userId: u.userId, customer: u.customer, orderId: order }).body),
        deliver(late),
      ]);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(await orderPackage(u.userId, order), `round ${round}`).toMatchObject({ remainingCredits: 0 });
    }
    const clawbacks = await clawbacksOf(u.userId);
    expect(clawbacks.map((c) => c.reference).sort()).toEqual(refunds.sort());
    expect(clawbacks.every((c) => c.amount === -100)).toBe(true);
    expect(await available(u.cookie)).toMatchObject({ available: before.available, debt: 0 });
    expect(await booksOf(u.userId)).toEqual([]);
  });
});
