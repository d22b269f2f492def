import { randomUUID } from "node:crypto";
import type { SqlClient } from "@videofly/db";

export interface SubscriptionState {
  creemSubscriptionId: string;
  userId: string;
  productId: string;
  customerId?: string;
  status: string;
  periodStart: Date | null;
  periodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
}

/**
 * Creates or updates our copy of a Creem subscription. A late, older event never overwrites what a
 * newer one wrote (events may arrive out of order).
 */
export async function upsertSubscription(client: SqlClient, s: SubscriptionState, eventAt: Date): Promise<void> {
  await client.query(
    `INSERT INTO creem_subscription (id, "productId", "referenceId", "creemCustomerId", "creemSubscriptionId", status,
                                     "periodStart", "periodEnd", "cancelAtPeriodEnd", "lastEventAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT ("creemSubscriptionId") DO UPDATE SET
       "productId" = EXCLUDED."productId", "referenceId" = EXCLUDED."referenceId",
       "creemCustomerId" = COALESCE(EXCLUDED."creemCustomerId", creem_subscription."creemCustomerId"),
       status = EXCLUDED.status,
       "periodStart" = COALESCE(EXCLUDED."periodStart", creem_subscription."periodStart"),
       "periodEnd" = COALESCE(EXCLUDED."periodEnd", creem_subscription."periodEnd"),
       "cancelAtPeriodEnd" = EXCLUDED."cancelAtPeriodEnd", "lastEventAt" = EXCLUDED."lastEventAt"
     WHERE creem_subscription."lastEventAt" IS NULL OR creem_subscription."lastEventAt" <= EXCLUDED."lastEventAt"`,
    [
      `sub_${randomUUID().replaceAll("-", "")}`,
      s.productId,
      s.userId,
      s.customerId ?? null,
      s.creemSubscriptionId,
      s.status,
      s.periodStart,
      s.periodEnd,
      s.cancelAtPeriodEnd,
      eventAt,
    ],
  );
}

export async function findSubscription(
  client: SqlClient,
  creemSubscriptionId: string,
): Promise<{ productId: string; status: string; periodStart: Date | null } | null> {
  const { rows } = await client.query<{ productId: string; status: string; periodStart: Date | null }>(
    `SELECT "productId", status, "periodStart" FROM creem_subscription WHERE "creemSubscriptionId" = $1`,
    [creemSubscriptionId],
  );
  return rows[0] ?? null;
}

/** Whether a subscription still gives access: a canceled one does until its period ends. */
export function hasAccess(s: { status: string; periodEnd: Date | null }, now = new Date()): boolean {
  if (s.status === "active" || s.status === "trialing" || s.status === "scheduled_cancel") return true;
  return s.status === "canceled" && s.periodEnd !== null && s.periodEnd > now;
}
