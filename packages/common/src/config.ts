import { configAccessor } from "@videofly/db";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SIGNUP_BONUS_CREDITS: z.coerce.number().int().min(0).default(50),
  SIGNUP_BONUS_DAYS: z.coerce.number().int().min(1).default(30),
  CREDIT_HOLD_TTL_HOURS: z.coerce.number().positive().default(24),
  API_USAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export type CommonConfig = z.infer<typeof schema>;

export const commonConfig = configAccessor("common", schema);
