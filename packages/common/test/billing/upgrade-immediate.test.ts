import { db } from "@videofly/db";
import { describe, expect, it } from "vitest";
import { parseCreemEvent, processCreemEvent } from "../../src/billing/index.ts";
import { createUser } from "../credits/support.ts";

process.env.UPGRADE_POLICY = "immediate";

const DAY = 86_400_000;

function subscriptionEvent(eventType: string, userId: string, productId: string, periodStart: Date) {
  return JSON.stringify({
    id: `evt_${eventType}_${productId}_${userId}`,
    eventType,
    created_at: Date.now(),
    object: {
      id: `sub_${userId}`,
      object: "subscription",
      product: { id: productId, object: "product" },
      customer: { id: `cust_${userId}`, email: `${userId}@example.com` },
      status: "active",
      current_period_start_date: periodStart.toISOString(),
      current_period_end_date: new Date(periodStart.getTime() + 30 * DAY).toISOString(),
      canceled_at: null,
      metadata: { referenceId: userId },
    },
  });
}

describe("UPGRADE_POLICY=immediate", () => {
  it("grants the difference of an upgrade at once, once; a downgrade takes nothing back", async () => {
    const userId = await createUser("upgrader");
    const start = new Date(Date.now() - DAY);
    const apply = (type: string, product: string) =>
      processCreemEvent(parseCreemEvent(subscriptionEvent(type, userId, product, start)));
    await apply("subscription.paid", "prod_test_pro_monthly");
    await apply("subscription.update", "prod_test_pro_yearly");
    // Creem may report the same change again under a new event id.
    await processCreemEvent(
      parseCreemEvent(
        subscriptionEvent("subscription.update", userId, "prod_test_pro_yearly", start).replace("evt_", "evt_again_"),
      ),
    );
    const grants = await db().creditPackage.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
    expect(grants.map((g) => g.initialCredits)).toEqual([600, 6600]);
    expect(grants[1]?.grantKey).toContain(":upgrade:prod_test_pro_yearly");
    expect(await db().creemSubscription.findUnique({ where: { creemSubscriptionId: `sub_${userId}` } })).toMatchObject({
      productId: "prod_test_pro_yearly",
    });

    const down = await processCreemEvent(
      parseCreemEvent(
        subscriptionEvent("subscription.update", userId, "prod_test_pro_monthly", start).replace("evt_", "evt_down_"),
      ),
    );
    expect(down).toMatchObject({ outcome: "processed" });
    expect(await db().creditPackage.count({ where: { userId } })).toBe(2);
  });
});
