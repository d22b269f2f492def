import { z } from "zod";
import { cursorCodec, cursorFields } from "../pagination.ts";
import { pageSchema, timestamp } from "../wire.ts";
import { ENTRY_TYPES } from "./model.ts";

const limit = z.coerce.number().int().min(1).max(100).default(20);

/** Where a page of packages stopped, in spending order: expiry (null: never), promo tier, creation, id. */
export const packageCursor = cursorCodec(
  "credit_packages",
  z.tuple([
    cursorFields.timestamp.nullable(),
    z.union([z.literal(0), z.literal(1)]),
    cursorFields.timestamp,
    cursorFields.id,
  ]),
);
export type PackagePosition = NonNullable<z.output<typeof packageCursor.query>>;

/** Where a page of the ledger stopped: the last entry's sequence number. */
export const historyCursor = cursorCodec("credit_history", cursorFields.bigint);

export const packagesQuery = z.object({
  status: z.enum(["ACTIVE", "EXPIRED"]).default("ACTIVE"),
  limit,
  cursor: packageCursor.query,
});

export const historyQuery = z.object({
  type: z.enum(ENTRY_TYPES).optional(),
  limit,
  cursor: historyCursor.query,
});

export const adminCreditsBody = z
  .object({
    userId: z.string().min(1).optional(),
    email: z.email().optional(),
    credits: z
      .number()
      .int()
      .refine((n) => n !== 0, "must not be zero")
      .refine((n) => Math.abs(n) <= 1_000_000, "must be at most 1,000,000 either way"),
    reason: z.string().trim().min(3).max(500),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .refine((b) => Boolean(b.userId) !== Boolean(b.email), {
    message: "give exactly one of userId or email",
    path: ["userId"],
  })
  .refine((b) => b.credits > 0 || b.expiresInDays === undefined, {
    message: "only a grant (positive credits) can expire",
    path: ["expiresInDays"],
  });

// Responses: the envelope's `data`, as JSON carries it (test/credits/api-schemas.test.ts holds them to the services).

export const creditSource = z
  .enum(["SIGNUP_BONUS", "PURCHASE", "SUBSCRIPTION", "ADMIN_GRANT", "PROMO"])
  .meta({ id: "CreditSource" });

export const balance = z
  .object({
    available: z.int().meta({ description: "Spendable now." }),
    frozen: z.int().meta({ description: "Held by generations in progress." }),
    debt: z.int().meta({ description: "Owed after a refund; paid from the next grants." }),
    expiringSoon: z.object({
      credits: z.int(),
      withinDays: z.int(),
      packages: z.array(
        z.object({ id: z.string(), source: creditSource, remainingCredits: z.int(), expiresAt: timestamp() }),
      ),
    }),
  })
  .meta({ id: "Balance" });

export const creditPackage = z
  .object({
    id: z.string(),
    userId: z.string(),
    source: creditSource,
    grantKey: z.string().meta({ description: "The event that granted it (order, subscription period, …)." }),
    initialCredits: z.int(),
    remainingCredits: z.int(),
    frozenCredits: z.int(),
    expiresAt: timestamp().nullable().meta({ description: "Null: never expires." }),
    status: z.enum(["ACTIVE", "EXPIRED"]),
    createdAt: timestamp(),
  })
  .meta({ id: "CreditPackage" });

export const creditPackagePage = pageSchema(creditPackage, "CreditPackagePage");

export const ledgerEntry = z
  .object({
    id: z.string(),
    type: z.enum(ENTRY_TYPES),
    amount: z.int().meta({ description: "Signed: what the entry changed." }),
    availableAfter: z.int(),
    frozenAfter: z.int(),
    debtAfter: z.int(),
    packageId: z.string().nullable(),
    holdId: z.string().nullable(),
    reference: z.string().nullable(),
    reason: z.string().nullable(),
    createdAt: timestamp(),
  })
  .meta({ id: "LedgerEntry" });

export const ledgerPage = pageSchema(ledgerEntry, "LedgerPage");

export const adjustResult = z
  .object({
    userId: z.string(),
    credits: z.int(),
    packageId: z.string().nullable().meta({ description: "The granted package; null for a deduction." }),
  })
  .meta({ id: "CreditAdjustment" });

export const alerts = z
  .object({
    lowBalanceThreshold: z.int().min(0).max(1_000_000).meta({
      description:
        "credits.low (the webhook and an email) is sent when the available balance drops from at least this to below it, once per crossing; 0 turns it off.",
    }),
  })
  .meta({ id: "CreditAlerts" });
