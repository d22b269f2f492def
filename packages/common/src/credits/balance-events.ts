import type { SqlClient } from "@videofly/db";
import { emitWebhookEvent } from "../webhooks/index.ts";
import { enqueueMail } from "../webhooks/queue.ts";
import type { CreditPackage, Totals } from "./model.ts";

/** credits.low's data: the balance right after the change that took it below the threshold. */
export function lowBalanceData(totals: Totals, lowBalanceThreshold: number) {
  return { available: totals.available, frozen: totals.frozen, debt: totals.debt, lowBalanceThreshold };
}

/**
 * Both events go into the outbox of the transaction that changed the credits, so they fire iff it
 * commits. credits.low also mails the user, whether or not an endpoint subscribes: the mail job is
 * queued in the same transaction, so it follows the webhook's rule (once per crossing).
 */
export async function emitLowBalance(client: SqlClient, userId: string, totals: Totals, threshold: number) {
  await emitWebhookEvent(client, { userId, type: "credits.low", data: lowBalanceData(totals, threshold) });
  await enqueueMail(client, {
    mail: "credits.low",
    userId,
    available: totals.available,
    lowBalanceThreshold: threshold,
  });
}

export function emitGranted(client: SqlClient, pkg: CreditPackage) {
  return emitWebhookEvent(client, { userId: pkg.userId, type: "credits.granted", data: pkg });
}
