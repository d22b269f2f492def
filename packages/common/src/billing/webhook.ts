import { type SqlClient, transaction } from "@videofly/db";
import { clawbackOrDeferInTransaction, grantCreditsInTransaction } from "../credits/index.ts";
import { AppError } from "../errors/index.ts";
import { logger } from "../logger.ts";
import { linkCustomer, resolveUser } from "./attribution.ts";
import { billingConfig } from "./config.ts";
import {
  type CreemCheckout,
  type CreemDispute,
  type CreemEvent,
  type CreemRefund,
  type CreemSubscription,
  parseCreemEvent,
} from "./events.ts";
import { type Product, productByCreemId } from "./products.ts";
import { verifyCreemSignature } from "./signature.ts";
import { findSubscription, upsertSubscription } from "./subscriptions.ts";

const DAY_MS = 86_400_000;

export type WebhookOutcome =
  | { outcome: "processed"; effects: string[] }
  | { outcome: "duplicate" }
  | { outcome: "ignored"; reason: string };

export const orderGrantKey = (orderId: string) => `creem:order:${orderId}`;
export const periodGrantKey = (subscriptionId: string, periodStart: Date) =>
  `creem:subscription:${subscriptionId}:${periodStart.toISOString()}`;

/**
 * Applies one Creem event exactly once: the event id is recorded in `processed_webhook_event` in
 * the same transaction as its effects, so a redelivery (even many at once) changes nothing, and a
 * failure leaves neither the record nor any effect, so Creem's retry starts clean.
 */
export async function processCreemEvent(event: CreemEvent, now = new Date()): Promise<WebhookOutcome> {
  const log = logger().child({ webhook: "creem", eventId: event.id });
  if (event.type === "unknown") {
    log.warn({ eventType: event.eventType }, "unhandled Creem event type acknowledged");
    return { outcome: "ignored", reason: `unhandled event type ${event.eventType}` };
  }
  const result = await transaction(async (client): Promise<WebhookOutcome> => {
    const fresh = await client.query(
      `INSERT INTO processed_webhook_event (source, "eventId", "eventType") VALUES ('creem', $1, $2)
       ON CONFLICT (source, "eventId") DO NOTHING RETURNING id`,
      [event.id, event.type],
    );
    if (!fresh.rowCount) return { outcome: "duplicate" };
    const effects: string[] = [];
    switch (event.type) {
      case "checkout.completed":
        await onCheckout(client, event.object, event.createdAt, now, effects);
        break;
      case "refund.created":
        await onClawback(client, event.object, "refund", event.object.refund_amount, now, effects);
        break;
      case "dispute.created":
        await onClawback(client, event.object, "dispute", event.object.amount, now, effects);
        break;
      default:
        await onSubscription(client, event.type, event.object, event.createdAt, now, effects);
    }
    return { outcome: "processed", effects };
  });
  log.info({ eventType: event.type, ...result }, "Creem event handled");
  return result;
}

/** The event is about someone we cannot identify yet: answer 5xx so Creem delivers it again later. */
function unattributable(what: string): AppError {
  return new AppError("SERVICE_UNAVAILABLE", { message: `Cannot tell which user this ${what} belongs to yet.` });
}

async function onCheckout(client: SqlClient, checkout: CreemCheckout, eventAt: Date, now: Date, effects: string[]) {
  const product = productByCreemId(checkout.product);
  if (!product) {
    effects.push(`unknown product ${checkout.product}`);
    return;
  }
  const subscription = typeof checkout.subscription === "object" ? checkout.subscription : undefined;
  const subscriptionId = typeof checkout.subscription === "string" ? checkout.subscription : subscription?.id;
  const userId = await resolveUser(client, {
    referenceId: checkout.metadata?.referenceId,
    subscriptionId,
    customerId: checkout.customer?.id,
    email: checkout.customer?.email,
  });
  if (!userId) throw unattributable("checkout");
  await linkCustomer(client, userId, checkout.customer?.id);

  if (product.kind === "pack") {
    const units = checkout.units ?? 1;
    const granted = await grantCreditsInTransaction(client, {
      userId,
      source: "PURCHASE",
      grantKey: orderGrantKey(checkout.order?.id ?? checkout.id),
      credits: product.credits * units,
      expiresAt: new Date(now.getTime() + product.creditValidityDays * DAY_MS),
      reason: `${product.name} purchase`,
      now,
    });
    effects.push(granted.created ? `granted ${product.credits * units} (${product.key})` : "pack already granted");
    if (granted.clawedBack) effects.push(`clawed back ${granted.clawedBack} for a refund or dispute that came first`);
    return;
  }
  if (subscription?.current_period_start_date && subscription.current_period_end_date) {
    await grantPeriod(
      client,
      userId,
      product,
      subscription.id,
      subscription.current_period_start_date,
      subscription.current_period_end_date,
      now,
      effects,
    );
    await upsertSubscription(
      client,
      {
        creemSubscriptionId: subscription.id,
        userId,
        productId: product.creemProductId,
        customerId: checkout.customer?.id,
        status: subscription.status ?? "active",
        periodStart: subscription.current_period_start_date,
        periodEnd: subscription.current_period_end_date,
        cancelAtPeriodEnd: false,
      },
      eventAt,
    );
    effects.push("subscription recorded");
  }
}

async function grantPeriod(
  client: SqlClient,
  userId: string,
  plan: Product,
  subscriptionId: string,
  periodStart: Date,
  periodEnd: Date,
  now: Date,
  effects: string[],
) {
  const expiresAt = new Date(periodEnd.getTime() + billingConfig().PLAN_GRACE_DAYS * DAY_MS);
  if (expiresAt <= now) {
    effects.push(`period ${periodStart.toISOString()} is over: nothing granted`);
    return;
  }
  const granted = await grantCreditsInTransaction(client, {
    userId,
    source: "SUBSCRIPTION",
    grantKey: periodGrantKey(subscriptionId, periodStart),
    credits: plan.credits,
    expiresAt,
    reason: `${plan.name}, period from ${periodStart.toISOString()}`,
    now,
  });
  effects.push(granted.created ? `granted ${plan.credits} for the period` : "period already granted");
  if (granted.clawedBack) effects.push(`clawed back ${granted.clawedBack} for a refund or dispute that came first`);
}

async function onSubscription(
  client: SqlClient,
  type: `subscription.${string}`,
  sub: CreemSubscription,
  eventAt: Date,
  now: Date,
  effects: string[],
) {
  const userId = await resolveUser(client, {
    referenceId: sub.metadata?.referenceId,
    subscriptionId: sub.id,
    customerId: sub.customer.id,
    email: sub.customer.email,
  });
  if (!userId) throw unattributable("subscription");
  await linkCustomer(client, userId, sub.customer.id);
  const plan = productByCreemId(sub.product);
  const previous = await findSubscription(client, sub.id);

  if (type === "subscription.paid" && plan?.kind === "subscription") {
    await grantPeriod(
      client,
      userId,
      plan,
      sub.id,
      sub.current_period_start_date,
      sub.current_period_end_date,
      now,
      effects,
    );
  }
  if (
    type === "subscription.update" &&
    plan?.kind === "subscription" &&
    previous &&
    previous.productId !== plan.creemProductId
  ) {
    await changePlan(client, userId, sub, previous.productId, plan, now, effects);
  }
  if (type === "subscription.trialing") {
    await client.query(`UPDATE "user" SET "hadTrial" = true, "updatedAt" = now() WHERE id = $1`, [userId]);
  }
  // With the next-cycle policy a plan change shows at the next renewal, which carries the new product.
  const productId =
    type === "subscription.update" && billingConfig().UPGRADE_POLICY === "next_cycle" && previous
      ? previous.productId
      : sub.product;
  await upsertSubscription(
    client,
    {
      creemSubscriptionId: sub.id,
      userId,
      productId,
      customerId: sub.customer.id,
      status: STATUS_BY_EVENT[type] ?? sub.status,
      periodStart: sub.current_period_start_date,
      periodEnd: sub.current_period_end_date,
      cancelAtPeriodEnd:
        type === "subscription.canceled" ||
        type === "subscription.scheduled_cancel" ||
        sub.status === "scheduled_cancel",
    },
    eventAt,
  );
  effects.push(`subscription ${STATUS_BY_EVENT[type] ?? sub.status}`);
}

// A canceled subscription keeps access until its period ends; expired and paused end it.
const STATUS_BY_EVENT: Record<string, string> = {
  "subscription.active": "active",
  "subscription.paid": "active",
  "subscription.trialing": "trialing",
  "subscription.canceled": "canceled",
  "subscription.scheduled_cancel": "scheduled_cancel",
  "subscription.expired": "expired",
  "subscription.paused": "paused",
  "subscription.unpaid": "unpaid",
  "subscription.past_due": "past_due",
};

async function changePlan(
  client: SqlClient,
  userId: string,
  sub: CreemSubscription,
  previousProductId: string,
  plan: Product,
  now: Date,
  effects: string[],
) {
  const before = productByCreemId(previousProductId);
  if (billingConfig().UPGRADE_POLICY === "next_cycle") {
    effects.push(`plan change to ${plan.key} takes effect at renewal`);
    return;
  }
  const difference = plan.credits - (before?.credits ?? 0);
  if (difference <= 0) {
    effects.push(`downgrade to ${plan.key}: no credits taken back`);
    return;
  }
  const granted = await grantCreditsInTransaction(client, {
    userId,
    source: "SUBSCRIPTION",
    grantKey: `${periodGrantKey(sub.id, sub.current_period_start_date)}:upgrade:${plan.creemProductId}`,
    credits: difference,
    expiresAt: new Date(sub.current_period_end_date.getTime() + billingConfig().PLAN_GRACE_DAYS * DAY_MS),
    reason: `upgrade to ${plan.name}`,
    now,
  });
  effects.push(granted.created ? `granted ${difference} for the upgrade` : "upgrade already granted");
}

/**
 * Which grant a refund or dispute is about: the subscription period it paid, or the order. When
 * that grant does not exist yet (the refund came first), the key it will have, to wait for; only a
 * claim that names no period falls back to the subscription's newest period.
 */
async function refundedGrant(client: SqlClient, claim: CreemRefund | CreemDispute): Promise<string | null> {
  const subscriptionId = claim.subscription ?? claim.transaction.subscription ?? undefined;
  const orderId = claim.order ?? claim.transaction.order ?? undefined;
  const periodStart = claim.transaction.period_start;
  const exact: string[] = [];
  if (subscriptionId && periodStart) {
    exact.push(periodGrantKey(subscriptionId, new Date(periodStart < 1e12 ? periodStart * 1000 : periodStart)));
  }
  if (orderId) exact.push(orderGrantKey(orderId));
  const { rows } = await client.query<{ grantKey: string }>(
    `SELECT "grantKey" FROM credit_package
      WHERE "grantKey" = ANY($1::text[])
         OR ($2::text IS NOT NULL AND starts_with("grantKey", 'creem:subscription:' || $2 || ':') AND strpos("grantKey", ':upgrade:') = 0)
      ORDER BY array_position($1::text[], "grantKey") NULLS LAST, "createdAt" DESC
      LIMIT 1`,
    [exact, subscriptionId && !periodStart ? subscriptionId : null],
  );
  return rows[0]?.grantKey ?? exact[0] ?? null;
}

async function onClawback(
  client: SqlClient,
  claim: CreemRefund | CreemDispute,
  kind: "refund" | "dispute",
  amount: number,
  now: Date,
  effects: string[],
) {
  const grantKey = await refundedGrant(client, claim);
  if (!grantKey) {
    effects.push(`no grant found for this ${kind}`);
    return;
  }
  const paid = claim.transaction.amount_paid ?? claim.transaction.amount;
  if (paid > 0 && amount === 0) {
    effects.push(`${kind} of 0`);
    return;
  }
  // Pro rata to the amount; a refund that arrived before its purchase waits for the grant.
  const result = await clawbackOrDeferInTransaction(client, {
    grantKey,
    clawbackKey: `creem:${kind}:${claim.id}`,
    share: paid > 0 ? { part: Math.min(amount, paid), of: paid } : undefined,
    reason: `Creem ${kind} ${claim.id}`,
    now,
  });
  if (result.deferred) {
    effects.push(result.recorded ? `${kind} waits for ${grantKey}` : `${kind} already waiting for ${grantKey}`);
    return;
  }
  effects.push(`clawed back ${result.taken}, debt ${result.debt}`);
}

/**
 * One delivery as received: 404 when Creem is not configured (nothing is accepted), 401 for a
 * missing or wrong signature, 400 for a body that is not a Creem event, else the event applied.
 */
export async function receiveCreemWebhook(delivery: {
  rawBody: string;
  signature: string | null;
}): Promise<WebhookOutcome> {
  const secret = billingConfig().CREEM_WEBHOOK_SECRET;
  if (!secret) throw new AppError("NOT_FOUND", { message: "Creem webhooks are not configured on this server." });
  if (!verifyCreemSignature(delivery.rawBody, delivery.signature, secret)) {
    throw new AppError("UNAUTHORIZED", { message: "Missing or invalid creem-signature." });
  }
  return processCreemEvent(parseCreemEvent(delivery.rawBody));
}
