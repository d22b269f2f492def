import { configAccessor } from "@videofly/db";
import { z } from "zod";

// The same development fallback as packages/auth: outside production the secrets' key is derived from it.
const DEVELOPMENT_AUTH_SECRET = "videofly-development-secret-not-for-production-use";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** The unit of the retry schedule: 5000 gives 5 s, 5 min, 30 min, 2 h, 5 h, then 10 h. Tests shrink it. */
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(5000),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
    /** Lets endpoints on this machine (loopback) receive webhooks: development and tests only. */
    WEBHOOK_ALLOW_LOOPBACK: z.enum(["true", "false"]).default("false"),
    /** An endpoint whose deliveries have failed this long without a success is disabled (3 days). */
    WEBHOOK_DISABLE_AFTER_MS: z.coerce
      .number()
      .int()
      .min(1)
      .default(3 * 86_400_000),
    BETTER_AUTH_SECRET: z.string().min(32).optional(),
    APP_URL: z.url().optional(),
  })
  .superRefine((env, ctx) => {
    // The worker decrypts what the app encrypted: without the app's secret every delivery would fail.
    if (env.NODE_ENV === "production" && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_SECRET"],
        message: "BETTER_AUTH_SECRET is required in production (webhook signing secrets are encrypted under it)",
      });
    }
    // A production build served only on this machine (its own tests) may; a public deployment may not.
    if (env.NODE_ENV === "production" && env.WEBHOOK_ALLOW_LOOPBACK === "true" && !servedLocally(env.APP_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_ALLOW_LOOPBACK"],
        message: "WEBHOOK_ALLOW_LOOPBACK must not be set in production (webhooks would reach this machine)",
      });
    }
  })
  .transform((env) => ({
    retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    allowLoopback: env.WEBHOOK_ALLOW_LOOPBACK === "true",
    disableAfterMs: env.WEBHOOK_DISABLE_AFTER_MS,
    keySecret: env.BETTER_AUTH_SECRET ?? DEVELOPMENT_AUTH_SECRET,
  }));

function servedLocally(appUrl: string | undefined): boolean {
  if (!appUrl) return false;
  const host = new URL(appUrl).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

export type WebhookConfig = z.output<typeof schema>;

export const webhookConfig = configAccessor("webhooks", schema);
