import { parseEnv } from "@videofly/db";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type CommonConfig = z.infer<typeof schema>;

let cached: CommonConfig | undefined;

export function commonConfig(env: Record<string, string | undefined> = process.env): CommonConfig {
  if (env !== process.env) return parseEnv("common", schema, env);
  cached ??= parseEnv("common", schema, env);
  return cached;
}
