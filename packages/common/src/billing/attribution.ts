import type { SqlClient } from "@videofly/db";

export interface AttributionHints {
  /** `metadata.referenceId`: the user id our checkout put on the Creem checkout. */
  referenceId?: unknown;
  subscriptionId?: string;
  customerId?: string;
  email?: string;
}

/**
 * Which of our users an event is about, from the strongest hint down: the checkout's reference id,
 * a subscription we know, the Creem customer we linked, then the customer's email.
 */
export async function resolveUser(client: SqlClient, hints: AttributionHints): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM (
       SELECT u.id, 1 AS rank FROM "user" u WHERE u.id = $1
       UNION ALL SELECT s."referenceId", 2 FROM creem_subscription s WHERE s."creemSubscriptionId" = $2
       UNION ALL SELECT u.id, 3 FROM "user" u WHERE u."creemCustomerId" = $3
       UNION ALL SELECT u.id, 4 FROM "user" u WHERE lower(u.email) = lower($4)
     ) candidates ORDER BY rank LIMIT 1`,
    [
      typeof hints.referenceId === "string" ? hints.referenceId : null,
      hints.subscriptionId ?? null,
      hints.customerId ?? null,
      hints.email ?? null,
    ],
  );
  return rows[0]?.id ?? null;
}

/** Remembers the Creem customer of a user, so later events without metadata find them. */
export async function linkCustomer(client: SqlClient, userId: string, customerId: string | undefined): Promise<void> {
  if (!customerId) return;
  await client.query(
    `UPDATE "user" SET "creemCustomerId" = $2, "updatedAt" = now()
      WHERE id = $1 AND "creemCustomerId" IS DISTINCT FROM $2
        AND NOT EXISTS (SELECT 1 FROM "user" other WHERE other."creemCustomerId" = $2 AND other.id <> $1)`,
    [userId, customerId],
  );
}
