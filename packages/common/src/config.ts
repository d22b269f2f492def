import { configAccessor } from "@videofly/db";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type CommonConfig = z.infer<typeof schema>;

export const commonConfig = configAccessor("common", schema);
