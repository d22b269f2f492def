import { configAccessor } from "@videofly/db";
import { z } from "zod";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    CRON_SECRET: z.string().min(16, "CRON_SECRET must be at least 16 characters").optional(),
    API_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.CRON_SECRET) {
      ctx.addIssue({ code: "custom", path: ["CRON_SECRET"], message: "CRON_SECRET is required in production" });
    }
  });

export type AppConfig = z.infer<typeof schema>;

export const appConfig = configAccessor("app", schema);
