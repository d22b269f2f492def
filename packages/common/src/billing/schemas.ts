import { z } from "zod";
import { timestamp } from "../wire.ts";

// Responses: the envelope's `data`, as JSON carries it (test/billing/api-schemas.test.ts holds them to the services).

export const product = z
  .object({
    key: z.enum(["pro_monthly", "pro_yearly", "pack_starter", "pack_creator"]),
    kind: z.enum(["subscription", "pack"]),
    name: z.string(),
    creemProductId: z.string(),
    priceCents: z.int().meta({ description: "In the smallest currency unit." }),
    currency: z.literal("USD"),
    credits: z.int().meta({ description: "Per billing period (plans) or per purchase (packs)." }),
    interval: z.enum(["month", "year"]).nullable(),
    creditValidityDays: z.int(),
    freeUsersMayBuy: z.boolean(),
  })
  .meta({ id: "Product" });

export const productCatalogue = z
  .object({
    checkoutEnabled: z.boolean(),
    message: z.string().nullable(),
    products: z.array(product),
  })
  .meta({ id: "ProductCatalogue" });

export const billingOverview = z
  .object({
    plan: z
      .object({
        key: product.shape.key,
        name: z.string(),
        interval: product.shape.interval,
        creditsPerPeriod: z.int(),
      })
      .nullable(),
    subscription: z
      .object({
        id: z.string().nullable(),
        status: z.string(),
        active: z.boolean(),
        currentPeriodStart: timestamp().nullable(),
        currentPeriodEnd: timestamp().nullable(),
        cancelAtPeriodEnd: z.boolean(),
      })
      .nullable(),
    purchases: z.array(
      z.object({
        packageId: z.string(),
        orderId: z.string().nullable(),
        credits: z.int(),
        remainingCredits: z.int(),
        expiresAt: timestamp().nullable(),
        status: z.enum(["ACTIVE", "EXPIRED"]),
        purchasedAt: timestamp(),
      }),
    ),
  })
  .meta({ id: "BillingOverview" });
