import { type BillingConfig, billingConfig } from "./config.ts";

export type ProductKind = "subscription" | "pack";

export interface Product {
  /** Our stable name for the product. */
  key: "pro_monthly" | "pro_yearly" | "pack_starter" | "pack_creator";
  kind: ProductKind;
  name: string;
  /** The Creem product id (from the environment; a placeholder test id when unset). */
  creemProductId: string;
  /** Display price in the smallest currency unit. */
  priceCents: number;
  currency: "USD";
  /** Credits per billing period (plans) or per purchase (packs). */
  credits: number;
  interval: "month" | "year" | null;
  /** Days the credits last: a plan's period plus the grace; a pack's configured lifetime. */
  creditValidityDays: number;
  /** Whether a user without an active subscription may buy it (checked on the server). */
  freeUsersMayBuy: boolean;
}

const PERIOD_DAYS = { month: 31, year: 366 } as const;

/** The catalogue: plans and one-time packs, with their credits and how long those last. */
export function products(config: BillingConfig = billingConfig()): Product[] {
  const plan = (
    p: Omit<Product, "kind" | "currency" | "creditValidityDays" | "freeUsersMayBuy"> & { interval: "month" | "year" },
  ): Product => ({
    ...p,
    kind: "subscription",
    currency: "USD",
    creditValidityDays: PERIOD_DAYS[p.interval] + config.PLAN_GRACE_DAYS,
    freeUsersMayBuy: true,
  });
  const pack = (p: Omit<Product, "kind" | "currency" | "creditValidityDays" | "interval">): Product => ({
    ...p,
    kind: "pack",
    currency: "USD",
    interval: null,
    creditValidityDays: config.CREDIT_PACK_EXPIRY_DAYS,
  });
  return [
    plan({
      key: "pro_monthly",
      name: "Pro monthly",
      creemProductId: config.CREEM_PRODUCT_PRO_MONTHLY,
      priceCents: 1900,
      credits: 600,
      interval: "month",
    }),
    plan({
      key: "pro_yearly",
      name: "Pro yearly",
      creemProductId: config.CREEM_PRODUCT_PRO_YEARLY,
      priceCents: 19000,
      credits: 7200,
      interval: "year",
    }),
    pack({
      key: "pack_starter",
      name: "Starter pack",
      creemProductId: config.CREEM_PRODUCT_PACK_STARTER,
      priceCents: 990,
      credits: 100,
      freeUsersMayBuy: true,
    }),
    // The big pack is a top-up for subscribers.
    pack({
      key: "pack_creator",
      name: "Creator pack",
      creemProductId: config.CREEM_PRODUCT_PACK_CREATOR,
      priceCents: 3900,
      credits: 500,
      freeUsersMayBuy: false,
    }),
  ];
}

export function productByCreemId(creemProductId: string, config?: BillingConfig): Product | undefined {
  return products(config).find((p) => p.creemProductId === creemProductId);
}

/** What the pricing page and `GET /api/v1/config/products` show. */
export function productCatalogue(config: BillingConfig = billingConfig()) {
  const checkoutEnabled = Boolean(config.CREEM_API_KEY);
  return {
    checkoutEnabled,
    message: checkoutEnabled ? null : "Payments are not configured on this server yet: checkout is disabled.",
    products: products(config),
  };
}
