import { pool } from "@videofly/db";
import { describe, expect, it } from "vitest";
import { grantCredits, holdCredits, releaseHold, setCreditAlerts, settleHold } from "../../src/credits/index.ts";
import { createUser, days, expectBooksBalanced, NOW } from "./support.ts";

/** An endpoint subscribed to the credit events, so the outbox gets a delivery for each. */
async function subscribe(userId: string) {
  await pool().query(
    `INSERT INTO webhook_endpoint ("userId", url, events, "secretEncrypted")
     VALUES ($1, 'https://hooks.example.com/in', ARRAY['credits.low', 'credits.granted'], 'unused')`,
    [userId],
  );
}

async function events(userId: string, type: string) {
  const { rows } = await pool().query<{ payload: Record<string, unknown>; deliveries: number }>(
    `SELECT e.payload, (SELECT count(*)::int FROM webhook_delivery d WHERE d."eventId" = e.id) AS deliveries
       FROM webhook_event e WHERE e."userId" = $1 AND e.type = $2 ORDER BY e."createdAt", e.id`,
    [userId, type],
  );
  return rows;
}

const hold = (userId: string, reference: string, amount: number) =>
  holdCredits({ userId, reference: `${userId}:${reference}`, amount, now: NOW });

describe("credit events", () => {
  it("credits.granted carries the package the API lists, once per grant key", async () => {
    const u = await createUser();
    await subscribe(u);
    const first = await grantCredits({
      userId: u,
      source: "PURCHASE",
      grantKey: `o:${u}`,
      credits: 40,
      expiresAt: days(30),
      now: NOW,
    });
    await grantCredits({
      userId: u,
      source: "PURCHASE",
      grantKey: `o:${u}`,
      credits: 40,
      expiresAt: days(30),
      now: NOW,
    });
    const granted = await events(u, "credits.granted");
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({
      deliveries: 1,
      payload: { id: first.package.id, initialCredits: 40, remainingCredits: 40, source: "PURCHASE" },
    });
  });

  it("credits.low fires once per crossing below the threshold, and again after the balance came back", async () => {
    const u = await createUser();
    await subscribe(u);
    await setCreditAlerts(u, { lowBalanceThreshold: 10 });
    await grantCredits({
      userId: u,
      source: "PURCHASE",
      grantKey: `o:${u}`,
      credits: 20,
      expiresAt: days(30),
      now: NOW,
    });
    await hold(u, "a", 5); // 15 left: above
    expect(await events(u, "credits.low")).toHaveLength(0);
    await hold(u, "b", 6); // 9 left: crossed
    await hold(u, "c", 1); // 8 left: still below, no second alert
    await settleHold(`${u}:b`, { now: NOW });
    expect(await events(u, "credits.low")).toEqual([
      { deliveries: 1, payload: { available: 9, frozen: 11, debt: 0, lowBalanceThreshold: 10 } },
    ]);
    await releaseHold(`${u}:a`, { now: NOW }); // back to 13
    await hold(u, "d", 4); // 9 again: the second crossing
    expect(await events(u, "credits.low")).toHaveLength(2);
    await expectBooksBalanced();
  });

  it("a threshold of 0 turns the alert off", async () => {
    const u = await createUser();
    await subscribe(u);
    await setCreditAlerts(u, { lowBalanceThreshold: 0 });
    await grantCredits({
      userId: u,
      source: "PURCHASE",
      grantKey: `o:${u}`,
      credits: 5,
      expiresAt: days(30),
      now: NOW,
    });
    await hold(u, "a", 5);
    expect(await events(u, "credits.low")).toHaveLength(0);
  });

  it("writes no event for a user without a subscribed endpoint", async () => {
    const u = await createUser();
    await grantCredits({
      userId: u,
      source: "PURCHASE",
      grantKey: `o:${u}`,
      credits: 20,
      expiresAt: days(30),
      now: NOW,
    });
    await hold(u, "a", 15);
    const { rows } = await pool().query(`SELECT 1 FROM webhook_event WHERE "userId" = $1`, [u]);
    expect(rows).toEqual([]);
  });
});
