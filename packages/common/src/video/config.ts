import { configAccessor } from "@videofly/db";
import { z } from "zod";

const DEVELOPMENT_CALLBACK_SECRET = "videofly-development-callback-secret";
const DEVELOPMENT_URL = "http://localhost:3000";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** The app's public URL: provider callbacks and the demo provider's file point at it. */
    APP_URL: z.url().optional(),
    VIDEO_MAX_CONCURRENT: z.coerce.number().int().min(1).default(3),
    VIDEO_CALLBACK_SECRET: z.string().min(16).optional(),
    VIDEO_CALLBACK_TTL_HOURS: z.coerce.number().positive().default(48),
    VIDEO_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(10_000),
    VIDEO_COPY_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
    /** How long a claimed video (a copy in progress) is left to its worker before another may take over. */
    VIDEO_COPY_LEASE_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(5 * 60_000),
    /** How often `pnpm worker` looks for due videos between its scheduled jobs. */
    WORKER_POLL_INTERVAL_MS: z.coerce.number().int().min(100).default(2000),
    /** on | off; unset: on exactly when no real provider is configured. */
    DEMO_PROVIDER: z.enum(["on", "off"]).optional(),
    DEMO_PROVIDER_DELAY_MS: z.coerce.number().int().min(0).default(5000),
    DEMO_PROVIDER_FAIL_RATE: z.coerce.number().min(0).max(1).default(0),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.VIDEO_CALLBACK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["VIDEO_CALLBACK_SECRET"],
        message: "VIDEO_CALLBACK_SECRET is required in production",
      });
    }
    // A default would send provider callbacks and file links to localhost.
    if (env.NODE_ENV === "production" && !env.APP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message: "APP_URL is required in production (the app's public URL, e.g. https://videofly.example)",
      });
    }
  })
  .transform((env) => ({
    ...env,
    APP_URL: env.APP_URL ?? DEVELOPMENT_URL,
    VIDEO_CALLBACK_SECRET: env.VIDEO_CALLBACK_SECRET ?? DEVELOPMENT_CALLBACK_SECRET,
  }));

export type VideoConfig = z.output<typeof schema>;

export const videoConfig = configAccessor("video", schema);
