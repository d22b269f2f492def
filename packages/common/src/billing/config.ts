import { configAccessor } from "@videofly/db";
import { z } from "zod";

const flag = z.enum(["true", "false"]).transform((v) => v === "true");

const fields = z.object({
  CREEM_API_KEY: z.string().min(1).optional(),
  CREEM_WEBHOOK_SECRET: z.string().min(1).optional(),
  // Test mode is the safe default: a live key must be switched on deliberately.
  CREEM_TEST_MODE: flag.default(true),
  CREEM_PRODUCT_PRO_MONTHLY: z.string().min(1).default("prod_test_pro_monthly"),
  CREEM_PRODUCT_PRO_YEARLY: z.string().min(1).default("prod_test_pro_yearly"),
  CREEM_PRODUCT_PACK_STARTER: z.string().min(1).default("prod_test_pack_starter"),
  CREEM_PRODUCT_PACK_CREATOR: z.string().min(1).default("prod_test_pack_creator"),
  UPGRADE_POLICY: z.enum(["immediate", "next_cycle"]).default("next_cycle"),
  CREDIT_PACK_EXPIRY_DAYS: z.coerce.number().int().min(1).default(365),
  PLAN_GRACE_DAYS: z.coerce.number().int().min(0).default(3),
});

const schema = fields.superRefine((env, ctx) => {
  // Checkout would take payments whose webhooks nothing accepts: paid, and never credited.
  if (env.CREEM_API_KEY && !env.CREEM_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["CREEM_WEBHOOK_SECRET"],
      message: "CREEM_WEBHOOK_SECRET is required when CREEM_API_KEY is set (purchases are credited by the webhook)",
    });
  }
});

export type BillingConfig = z.infer<typeof schema>;

export const billingConfig = configAccessor("billing", schema);
