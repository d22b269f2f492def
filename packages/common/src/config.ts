import { configAccessor } from "@videofly/db";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SIGNUP_BONUS_CREDITS: z.coerce.number().int().min(0).default(50),
  SIGNUP_BONUS_DAYS: z.coerce.number().int().min(1).default(30),
  CREDIT_HOLD_TTL_HOURS: z.coerce.number().positive().default(24),
  API_USAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Set: rate-limit counters live in Redis; unset: in PostgreSQL (the `rate_limit` table). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, "REDIS_URL must be a redis:// or rediss:// URL")
    .optional(),
  /** Requests a minute per API key, on every /api/v1 route that is rate limited. */
  API_KEY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Requests a minute per signed-in user (session cookie), likewise. */
  SESSION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Generation holds credits and calls a provider: its own budget, below the caller's default. */
  GENERATE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Videos one batch may make; an API key's `batchMaxItems` overrides it for that key. */
  BATCH_MAX_ITEMS: z.coerce.number().int().min(1).max(10_000).default(100),
});

export type CommonConfig = z.infer<typeof schema>;

export const commonConfig = configAccessor("common", schema);
