import { configAccessor } from "@videofly/db";
import { z } from "zod";

const DEVELOPMENT_SECRET = "videofly-development-secret-not-for-production-use";

// In development the app may be served on any port (PORT=4000, or next dev moving to 3001) and
// opened as localhost or 127.0.0.1: those hosts are trusted and links follow the one in use.
const DEVELOPMENT_HOSTS = ["localhost:*", "127.0.0.1:*"];

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters").optional(),
    BETTER_AUTH_URL: z.url().optional(),
    /** The port being served (Next.js sets it to the one it actually listens on). */
    PORT: z.coerce.number().int().min(1).max(65_535).optional(),
    BETTER_AUTH_TRUSTED_ORIGINS: z.string().optional(),
    GOOGLE_CLIENT_ID: z.string().optional(),
    GOOGLE_CLIENT_SECRET: z.string().optional(),
    GITHUB_CLIENT_ID: z.string().optional(),
    GITHUB_CLIENT_SECRET: z.string().optional(),
    ADMIN_EMAILS: z.string().optional(),
    AUTH_RATE_LIMIT: z.enum(["on", "off"]).optional(),
    /** Proxies in front of the app that append to x-forwarded-for (see client-ip.ts); 0: none trusted. */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_SECRET"],
        message: "BETTER_AUTH_SECRET is required in production (generate one with `openssl rand -base64 32`)",
      });
    }
    // A default would point sign-in callbacks and trusted origins at localhost.
    if (env.NODE_ENV === "production" && !env.BETTER_AUTH_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_URL"],
        message: "BETTER_AUTH_URL is required in production (the app's public URL, e.g. https://videofly.example)",
      });
    }
    for (const provider of ["GOOGLE", "GITHUB"] as const) {
      const id = env[`${provider}_CLIENT_ID`];
      const secret = env[`${provider}_CLIENT_SECRET`];
      if (Boolean(id) !== Boolean(secret)) {
        ctx.addIssue({
          code: "custom",
          path: [id ? `${provider}_CLIENT_SECRET` : `${provider}_CLIENT_ID`],
          message: `${provider}_CLIENT_ID and ${provider}_CLIENT_SECRET must be set together`,
        });
      }
    }
  })
  .transform((env) => {
    const production = env.NODE_ENV === "production";
    const appUrl = env.BETTER_AUTH_URL ?? `http://localhost:${env.PORT ?? 3000}`;
    const trustedOrigins = splitList(env.BETTER_AUTH_TRUSTED_ORIGINS);
    return {
      production,
      secret: env.BETTER_AUTH_SECRET ?? DEVELOPMENT_SECRET,
      /** The app's public URL (links in mails fall back to it). */
      appUrl,
      /** Better Auth's baseURL: fixed in production, the request's loopback host in development. */
      baseURL: production ? appUrl : { allowedHosts: [new URL(appUrl).host, ...DEVELOPMENT_HOSTS], fallback: appUrl },
      trustedOrigins: production ? trustedOrigins : [...trustedOrigins, ...DEVELOPMENT_HOSTS.map((h) => `http://${h}`)],
      google:
        env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
          ? { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }
          : undefined,
      github:
        env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET
          ? { clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET }
          : undefined,
      adminEmails: new Set(splitList(env.ADMIN_EMAILS).map((e) => e.toLowerCase())),
      // Better Auth's own limiter (per IP, in memory); on in production unless switched off.
      rateLimit: env.AUTH_RATE_LIMIT ? env.AUTH_RATE_LIMIT === "on" : production,
      trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    };
  });

export type AuthConfig = z.output<typeof schema>;

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export const authConfig = configAccessor("auth", schema);
