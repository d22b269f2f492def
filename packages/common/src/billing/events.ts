import { z } from "zod";
import { AppError } from "../errors/index.ts";

// Only the fields we act on are validated; the rest of Creem's payload (see
// @creem_io/webhook-types) passes through untouched. Nested entities arrive either expanded or
// as their id.
const idOf = z
  .union([z.string().min(1), z.looseObject({ id: z.string().min(1) })])
  .transform((v) => (typeof v === "string" ? v : v.id));
const customer = z.union([
  z
    .string()
    .min(1)
    .transform((id) => ({ id, email: undefined as string | undefined })),
  z.looseObject({ id: z.string().min(1), email: z.string().optional() }),
]);
const metadata = z.record(z.string(), z.unknown()).nullish();

const subscription = z.looseObject({
  id: z.string().min(1),
  product: idOf,
  customer: customer,
  status: z.string(),
  current_period_start_date: z.coerce.date(),
  current_period_end_date: z.coerce.date(),
  canceled_at: z.coerce.date().nullish(),
  metadata,
});

const checkout = z.looseObject({
  id: z.string().min(1),
  product: idOf,
  units: z.number().int().positive().optional(),
  order: z.looseObject({ id: z.string().min(1) }).optional(),
  customer: customer.optional(),
  subscription: z
    .union([z.string().min(1), subscription.partial({ customer: true, product: true, status: true })])
    .optional(),
  metadata,
});

const transaction = z.looseObject({
  id: z.string().min(1),
  amount: z.number(),
  amount_paid: z.number().optional(),
  order: z.string().nullish(),
  subscription: z.string().nullish(),
  period_start: z.number().nullish(),
});

const refund = z.looseObject({
  id: z.string().min(1),
  refund_amount: z.number().nonnegative(),
  transaction,
  order: idOf.optional(),
  subscription: idOf.optional(),
  customer: customer.optional(),
});

const dispute = z.looseObject({
  id: z.string().min(1),
  amount: z.number().nonnegative(),
  transaction,
  order: idOf.optional(),
  subscription: idOf.optional(),
  customer: customer.optional(),
});

const envelope = z.object({
  id: z.string().min(1).max(200),
  eventType: z.string().min(1).max(100),
  created_at: z.number(),
  object: z.record(z.string(), z.unknown()),
});

export type CreemSubscription = z.infer<typeof subscription>;
export type CreemCheckout = z.infer<typeof checkout>;
export type CreemRefund = z.infer<typeof refund>;
export type CreemDispute = z.infer<typeof dispute>;

export type CreemEvent = { id: string; createdAt: Date } & (
  | { type: "checkout.completed"; object: CreemCheckout }
  | { type: "refund.created"; object: CreemRefund }
  | { type: "dispute.created"; object: CreemDispute }
  | { type: `subscription.${string}`; object: CreemSubscription }
  | { type: "unknown"; eventType: string }
);

function invalid(issues: z.core.$ZodIssue[], prefix: string): AppError {
  return new AppError("VALIDATION_FAILED", {
    message: "The webhook payload is not a Creem event we can read.",
    details: {
      fields: issues.map((i) => ({
        field: [prefix, ...i.path.map(String)].join("."),
        code: i.code,
        message: i.message,
      })),
    },
  });
}

/** Parses a delivery's JSON into the event we act on; 400 for anything malformed. */
export function parseCreemEvent(rawBody: string): CreemEvent {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new AppError("VALIDATION_FAILED", {
      message: "The webhook body is not JSON.",
      details: { fields: [{ field: "body", code: "invalid_json", message: "Malformed JSON" }] },
    });
  }
  const head = envelope.safeParse(json);
  if (!head.success) throw invalid(head.error.issues, "body");
  const { id, eventType, created_at } = head.data;
  // Creem sends epoch milliseconds; accept seconds too rather than misdate an event by decades.
  const createdAt = new Date(created_at < 1e12 ? created_at * 1000 : created_at);
  const base = { id, createdAt };
  const parse = <T>(schema: z.ZodType<T>) => {
    const r = schema.safeParse(head.data.object);
    if (!r.success) throw invalid(r.error.issues, "body.object");
    return r.data;
  };
  if (eventType === "checkout.completed") return { ...base, type: eventType, object: parse(checkout) };
  if (eventType === "refund.created") return { ...base, type: eventType, object: parse(refund) };
  if (eventType === "dispute.created") return { ...base, type: eventType, object: parse(dispute) };
  if (SUBSCRIPTION_EVENTS.has(eventType)) {
    return { ...base, type: eventType as `subscription.${string}`, object: parse(subscription) };
  }
  return { ...base, type: "unknown", eventType };
}

export const SUBSCRIPTION_EVENTS = new Set([
  "subscription.active",
  "subscription.trialing",
  "subscription.paid",
  "subscription.canceled",
  "subscription.scheduled_cancel",
  "subscription.expired",
  "subscription.unpaid",
  "subscription.past_due",
  "subscription.paused",
  "subscription.update",
]);
