import { apiKey } from "@better-auth/api-key";
import { creem } from "@creem_io/better-auth";
import { billingConfig, grantSignupBonus, logger } from "@videofly/common";
import { type Db, db } from "@videofly/db";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { admin } from "better-auth/plugins";
import { checkoutGuard, creemErrorStatus } from "./checkout-guard.ts";
import { type AuthConfig, authConfig } from "./config.ts";
import { isAdminEmail } from "./roles.ts";

export const API_KEY_PREFIX = "vf_";

export function createAuth(config: AuthConfig, database: Db) {
  const billing = billingConfig();
  return betterAuth({
    secret: config.secret,
    baseURL: config.baseURL,
    trustedOrigins: config.trustedOrigins,
    database: prismaAdapter(database, { provider: "postgresql" }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128 },
    socialProviders: {
      ...(config.google ? { google: config.google } : {}),
      ...(config.github ? { github: config.github } : {}),
    },
    rateLimit: { enabled: config.rateLimit },
    telemetry: { enabled: false },
    databaseHooks: {
      user: {
        create: {
          before: async (user) => ({
            data: { ...user, role: isAdminEmail(config, user.email) ? "admin" : "user" },
          }),
          // The grant key `signup:<userId>` makes the bonus once-only, whatever retries or races.
          // The user row is committed by now, so a failure cannot undo the sign-up: it is logged
          // (and the same call can be replayed) rather than turned into a failed sign-up.
          after: async (user) => {
            await grantSignupBonus(user.id).catch((error: unknown) =>
              logger().error(
                { err: error, userId: user.id, event: "credits.signup_bonus_failed" },
                "sign-up bonus failed",
              ),
            );
          },
        },
      },
      session: {
        create: {
          // Someone added to ADMIN_EMAILS after signing up becomes admin at the next sign-in.
          after: async (session) => {
            const user = await database.user.findUnique({ where: { id: session.userId } });
            if (user && user.role !== "admin" && isAdminEmail(config, user.email)) {
              await database.user.update({ where: { id: user.id }, data: { role: "admin" } });
            }
          },
        },
      },
    },
    hooks: { before: checkoutGuard, after: creemErrorStatus },
    plugins: [
      admin({ defaultRole: "user", adminRoles: ["admin"] }),
      apiKey({
        defaultPrefix: API_KEY_PREFIX,
        // A key is not a session: with this on, a key could mint more keys and act on every
        // /api/auth endpoint. Keys authenticate /api/v1 only, verified by getRequestIdentity.
        enableSessionForAPIKeys: false,
        enableMetadata: true,
        // The plugin's own per-key limiter (a read-then-write on the key row, not atomic) stays off.
        // No request limiter exists yet.
        rateLimit: { enabled: false },
      }),
      // Checkout and the customer portal, when Creem is configured. No webhook secret is given on
      // purpose: webhooks are served by our own route (apps/nextjs .../creem/webhook), which verifies
      // in constant time, answers errors with 4xx/5xx and applies each event exactly once.
      ...(billing.CREEM_API_KEY
        ? [
            creem({
              apiKey: billing.CREEM_API_KEY,
              testMode: billing.CREEM_TEST_MODE,
              defaultSuccessUrl: "/billing?checkout=success",
              persistSubscriptions: true,
              schema: { creem_subscription: { modelName: "creemSubscription", fields: {} } },
            }),
          ]
        : []),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { videoflyAuth?: Auth };

/** The process-wide Better Auth instance, built on first use from the parsed configuration. */
export function auth(): Auth {
  globalForAuth.videoflyAuth ??= createAuth(authConfig(), db());
  return globalForAuth.videoflyAuth;
}
