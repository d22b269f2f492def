import { createHmac, randomUUID } from "node:crypto";
import type {
  CheckoutCompletedEvent,
  DisputeCreatedEvent,
  RefundCreatedEvent,
  SubscriptionEntity,
  WebhookEventType,
} from "@creem_io/webhook-types";
import { TEST_SECRETS } from "./app-server";
import { baseUrl } from "./http";

// Payloads in Creem's webhook format (types from @creem_io/webhook-types), as JSON arrives: dates
// as ISO strings, event time in epoch milliseconds.
type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

export const WEBHOOK_SECRET = TEST_SECRETS.CREEM_WEBHOOK_SECRET;
export const PRODUCTS = {
  monthly: "prod_test_pro_monthly",
  yearly: "prod_test_pro_yearly",
  starter: "prod_test_pack_starter",
};

const id = (prefix: string) => `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
const iso = (d: Date) => d.toISOString();
const DAY = 86_400_000;

export function customer(email: string) {
  return {
    id: id("cust"),
    mode: "test" as const,
    object: "customer" as const,
    email,
    name: email.split("@")[0],
    country: "US",
    created_at: iso(new Date()),
    updated_at: iso(new Date()),
  };
}

function product(productId: string) {
  const recurring = productId !== PRODUCTS.starter;
  return {
    id: productId,
    mode: "test" as const,
    object: "product" as const,
    name: productId,
    description: "",
    price: recurring ? 1900 : 990,
    currency: "USD",
    billing_type: recurring ? ("recurring" as const) : ("onetime" as const),
    billing_period: recurring ? ("every-month" as const) : ("once" as const),
    status: "active" as const,
    tax_mode: "inclusive" as const,
    tax_category: "saas" as const,
    created_at: iso(new Date()),
    updated_at: iso(new Date()),
  };
}

export function subscriptionEntity(opts: {
  subscriptionId: string;
  productId: string;
  customer: ReturnType<typeof customer>;
  userId?: string;
  periodStart: Date;
  status?: SubscriptionEntity["status"];
}): Json<SubscriptionEntity> {
  return {
    id: opts.subscriptionId,
    mode: "test",
    object: "subscription",
    product: product(opts.productId),
    customer: opts.customer,
    collection_method: "charge_automatically",
    status: opts.status ?? "active",
    last_transaction_id: id("tran"),
    current_period_start_date: iso(opts.periodStart),
    current_period_end_date: iso(new Date(opts.periodStart.getTime() + 30 * DAY)),
    canceled_at: null,
    created_at: iso(opts.periodStart),
    updated_at: iso(new Date()),
    metadata: opts.userId ? { referenceId: opts.userId } : {},
  };
}

export function event<T>(eventType: WebhookEventType, object: T, eventId = id("evt")) {
  return { id: eventId, eventType, created_at: Date.now(), object };
}

export function packCheckout(opts: { userId: string; customer: ReturnType<typeof customer>; orderId?: string }) {
  const orderId = opts.orderId ?? id("ord");
  const object: Json<CheckoutCompletedEvent["object"]> = {
    id: id("ch"),
    mode: "test",
    object: "checkout",
    status: "completed",
    product: product(PRODUCTS.starter),
    units: 1,
    order: {
      id: orderId,
      mode: "test",
      object: "order",
      customer: opts.customer.id,
      product: PRODUCTS.starter,
      amount: 990,
      currency: "USD",
      status: "paid",
      type: "onetime",
      created_at: iso(new Date()),
      updated_at: iso(new Date()),
    },
    customer: opts.customer,
    metadata: { referenceId: opts.userId },
  };
  return { orderId, body: event("checkout.completed", object) };
}

export function subscriptionCheckout(opts: {
  userId: string;
  customer: ReturnType<typeof customer>;
  subscriptionId: string;
  periodStart: Date;
}) {
  const sub = subscriptionEntity({ ...opts, productId: PRODUCTS.monthly });
  const object: Json<CheckoutCompletedEvent["object"]> = {
    id: id("ch"),
    mode: "test",
    object: "checkout",
    status: "completed",
    product: product(PRODUCTS.monthly),
    units: 1,
    order: {
      id: id("ord"),
      mode: "test",
      object: "order",
      customer: opts.customer.id,
      product: PRODUCTS.monthly,
      amount: 1900,
      currency: "USD",
      status: "paid",
      type: "recurring",
      created_at: iso(new Date()),
      updated_at: iso(new Date()),
    },
    customer: opts.customer,
    // Inside a checkout, Creem nests the subscription with product and customer as ids.
    subscription: { ...sub, product: PRODUCTS.monthly, customer: opts.customer.id },
    metadata: { referenceId: opts.userId },
  };
  return event("checkout.completed", object);
}

function transaction(opts: { amount: number; orderId?: string; subscriptionId?: string; periodStart?: Date }) {
  return {
    id: id("tran"),
    mode: "test" as const,
    object: "transaction" as const,
    amount: opts.amount,
    amount_paid: opts.amount,
    currency: "USD",
    type: "payment" as const,
    status: "refunded" as const,
    order: opts.orderId,
    subscription: opts.subscriptionId,
    period_start: opts.periodStart?.getTime(),
    period_end: opts.periodStart ? opts.periodStart.getTime() + 30 * DAY : undefined,
    created_at: Date.now(),
  };
}

export function refund(opts: {
  amount: number;
  paid: number;
  orderId?: string;
  subscriptionId?: string;
  periodStart?: Date;
}) {
  const object: Json<RefundCreatedEvent["object"]> = {
    id: id("ref"),
    mode: "test",
    object: "refund",
    status: "succeeded",
    refund_amount: opts.amount,
    refund_currency: "USD",
    reason: "requested_by_customer",
    transaction: transaction({ ...opts, amount: opts.paid }),
    order: opts.orderId,
    subscription: opts.subscriptionId,
    created_at: Date.now(),
  };
  return event("refund.created", object);
}

export function dispute(opts: { amount: number; paid: number; orderId: string }) {
  const object: Json<DisputeCreatedEvent["object"]> = {
    id: id("disp"),
    mode: "test",
    object: "dispute",
    amount: opts.amount,
    currency: "USD",
    transaction: transaction({ amount: opts.paid, orderId: opts.orderId }),
    order: opts.orderId,
    created_at: Date.now(),
  };
  return event("dispute.created", object);
}

/** Signs a body exactly as Creem does: hex HMAC-SHA256 of the raw body with the webhook secret. */
export function sign(body: string, secret = WEBHOOK_SECRET): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

export async function deliver(
  payload: unknown,
  init: { signature?: string | null; rawBody?: string; url?: string } = {},
) {
  const body = init.rawBody ?? JSON.stringify(payload);
  const signature = init.signature === undefined ? sign(body) : init.signature;
  const res = await fetch(`${init.url ?? baseUrl()}/api/auth/creem/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature === null ? {} : { "creem-signature": signature }) },
    body,
  });
  return {
    status: res.status,
    body: (await res.json().catch(() => null)) as { success: boolean; data?: { outcome: string } } | null,
  };
}
