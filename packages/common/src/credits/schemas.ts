import { z } from "zod";
import { ENTRY_TYPES } from "./model.ts";

const limit = z.coerce.number().int().min(1).max(100).default(20);
const cursor = z.string().min(1).max(500).optional();

export const packagesQuery = z.object({
  status: z.enum(["ACTIVE", "EXPIRED"]).default("ACTIVE"),
  limit,
  cursor,
});

export const historyQuery = z.object({
  type: z.enum(ENTRY_TYPES).optional(),
  limit,
  cursor,
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
