import { db } from "@videofly/db";
import { productByCreemId } from "./products.ts";
import { hasAccess } from "./subscriptions.ts";

/** What `GET /api/v1/user/billing` shows: the plan, its subscription, and one-time purchases. */
export async function getBillingOverview(userId: string, now = new Date()) {
  const [subscriptions, purchases] = await Promise.all([
    db().creemSubscription.findMany({
      where: { referenceId: userId },
      orderBy: [{ periodEnd: "desc" }, { id: "asc" }],
    }),
    db().creditPackage.findMany({
      where: { userId, source: "PURCHASE" },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: {
        id: true,
        grantKey: true,
        initialCredits: true,
        remainingCredits: true,
        expiresAt: true,
        status: true,
        createdAt: true,
      },
    }),
  ]);
  const current = subscriptions.find((s) => hasAccess(s, now)) ?? subscriptions[0] ?? null;
  const active = current ? hasAccess(current, now) : false;
  const plan = current && active ? productByCreemId(current.productId) : undefined;
  return {
    plan: plan ? { key: plan.key, name: plan.name, interval: plan.interval, creditsPerPeriod: plan.credits } : null,
    subscription: current
      ? {
          id: current.creemSubscriptionId,
          status: current.status,
          active,
          currentPeriodStart: current.periodStart,
          currentPeriodEnd: current.periodEnd,
          cancelAtPeriodEnd: current.cancelAtPeriodEnd ?? false,
        }
      : null,
    purchases: purchases.map((p) => ({
      packageId: p.id,
      orderId: p.grantKey.startsWith("creem:order:") ? p.grantKey.slice("creem:order:".length) : null,
      credits: p.initialCredits,
      remainingCredits: p.remainingCredits,
      expiresAt: p.expiresAt,
      status: p.status,
      purchasedAt: p.createdAt,
    })),
  };
}

/** Whether the user has a plan that gives access now (free users may not buy every product). */
export async function hasActivePlan(userId: string, now = new Date()): Promise<boolean> {
  const subscriptions = await db().creemSubscription.findMany({ where: { referenceId: userId } });
  return subscriptions.some((s) => hasAccess(s, now));
}
