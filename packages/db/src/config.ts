import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (a postgresql:// connection string)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// connection string"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
});

export type DbConfig = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(
    readonly scope: string,
    readonly issues: { variable: string; message: string }[],
  ) {
    super(`Invalid ${scope} configuration: ${issues.map((i) => `${i.variable}: ${i.message}`).join("; ")}`);
    this.name = "ConfigError";
  }
}

/** Parses a zod object schema over the environment; names every bad variable when it fails. */
export function parseEnv<T extends z.ZodType>(
  scope: string,
  envSchema: T,
  env: Record<string, string | undefined>,
): z.infer<T> {
  const result = envSchema.safeParse(emptyAsUnset(env));
  if (!result.success) {
    throw new ConfigError(
      scope,
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "(env)"),
        message: issue.message,
      })),
    );
  }
  return result.data;
}

// `FOO=` in a .env file means "not set", not "set to the empty string".
function emptyAsUnset(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
}

/**
 * A package's configuration accessor: parses `process.env` once and caches it; an explicit
 * environment (tests, tools) is parsed on each call and never cached.
 */
export function configAccessor<T extends z.ZodType>(scope: string, envSchema: T) {
  let cached: z.infer<T> | undefined;
  return (env: Record<string, string | undefined> = process.env): z.infer<T> => {
    if (env !== process.env) return parseEnv(scope, envSchema, env);
    cached ??= parseEnv(scope, envSchema, env);
    return cached as z.infer<T>;
  };
}

export const dbConfig = configAccessor("database", schema);
