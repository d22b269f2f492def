import { configAccessor } from "@videofly/db";
import { z } from "zod";

const DEVELOPMENT_CALLBACK_SECRET = "videofly-development-callback-secret";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** The app's public URL: provider callbacks and the demo provider's file point at it. */
    APP_URL: z.url().optional(),
    /** The port being served (Next.js sets it to the one it listens on): APP_URL's default follows it. */
    PORT: z.coerce.number().int().min(1).max(65_535).optional(),
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
    /**
     * How long a video may stay in progress after it started (a retry starts anew) before the poll
     * job fails it with E5001 and releases its credits; until then its hold never expires under it.
     */
    VIDEO_MAX_RUNTIME_MINUTES: z.coerce.number().positive().default(60),
    /**
     * How long a video whose provider gave no readable answer to the create call (the task may
     * exist, its id is unknown) waits for the provider's callback to name the task; then it fails
     * and its credits are released.
     */
    VIDEO_UNCONFIRMED_TASK_MINUTES: z.coerce.number().positive().default(60),
    /**
     * A video still PENDING this long after it was accepted (or, a batch item, dispatched) was never
     * submitted: its process died before or while calling the provider. It fails and its credits
     * are released; it is never submitted again, as the provider may have taken the first call.
     */
    VIDEO_PENDING_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(1000)
      .default(10 * 60_000),
    /** The largest result file we copy from a provider (bytes); a bigger one fails the video. */
    VIDEO_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(500 * 1024 * 1024),
    /** How often `pnpm worker` looks for due videos between its scheduled jobs. */
    WORKER_POLL_INTERVAL_MS: z.coerce.number().int().min(100).default(2000),
    /** on | off; unset: on when no real provider is configured, except in production (off there). */
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
    APP_URL: env.APP_URL ?? `http://localhost:${env.PORT ?? 3000}`,
    VIDEO_CALLBACK_SECRET: env.VIDEO_CALLBACK_SECRET ?? DEVELOPMENT_CALLBACK_SECRET,
  }));

export type VideoConfig = z.output<typeof schema>;

export const videoConfig = configAccessor("video", schema);
