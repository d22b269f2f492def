import { apiKey } from "@better-auth/api-key";
import { creem } from "@creem_io/better-auth";
import { billingConfig, commonConfig, type Mailer, mailer } from "@videofly/common";
import { type Db, db } from "@videofly/db";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { admin, magicLink } from "better-auth/plugins";
import { accountHooks } from "./account-hooks.ts";
import { authLogger } from "./auth-logger.ts";
import { checkoutGuard, creemErrorStatus } from "./checkout-guard.ts";
import { type AuthConfig, authConfig } from "./config.ts";
import { magicLinkMail, resetPasswordMail, verificationMail } from "./emails.ts";

/** How new keys begin. */
export const API_KEY_PREFIX = "vf_live_";
/** How every key of ours begins, also those made before `vf_live_`: Bearer tokens are told apart by it. */
export const API_KEY_FAMILY_PREFIX = "vf_";
/** Characters of a key kept in clear (`start`): the prefix and four more, to tell keys apart. */
const VISIBLE_KEY_CHARACTERS = API_KEY_PREFIX.length + 4;

/**
 * Keys are made, changed and revoked through our /api/v1/api-keys routes (api-keys.ts), which
 * take scopes and restrictions. The plugin's own HTTP endpoints would be a second way to make a
 * key, one without them: they answer 404 (`disabledPaths` is checked by Better Auth's HTTP router
 * only, so the server-side `auth().api.*` calls keep working).
 */
function apiKeyPlugin() {
  const plugin = apiKey({
    defaultPrefix: API_KEY_PREFIX,
    startingCharactersConfig: { shouldStore: true, charactersLength: VISIBLE_KEY_CHARACTERS },
    requireName: true,
    maximumNameLength: 64,
    // A key is not a session: with this on, a key could mint more keys and act on every
    // /api/auth endpoint. Keys authenticate /api/v1 only, verified by getRequestIdentity.
    enableSessionForAPIKeys: false,
    enableMetadata: true,
    // The plugin's own per-key limiter is a read-then-write on the key row: ours counts instead.
    rateLimit: { enabled: false },
  });
  const paths = Object.values(plugin.endpoints).flatMap((endpoint) => (endpoint.path ? [endpoint.path] : []));
  return { plugin, paths };
}

/** `mail` sends the account mails (verification, password reset, magic link). */
export function createAuth(config: AuthConfig, database: Db, mail: Mailer = mailer()) {
  const billing = billingConfig();
  const accounts = accountHooks(config, database);
  const apiKeys = apiKeyPlugin();
  return betterAuth({
    secret: config.secret,
    baseURL: config.baseURL,
    trustedOrigins: config.trustedOrigins,
    database: prismaAdapter(database, { provider: "postgresql" }),
    // Unverified users may sign in and use the app; the bonus and the admin role wait for the proof.
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: ({ user, url }) => mail.send(resetPasswordMail(user.email, url)),
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      sendVerificationEmail: ({ user, url }) =>
        mail.send(verificationMail(user.email, url, commonConfig().SIGNUP_BONUS_CREDITS)),
      afterEmailVerification: accounts.afterEmailVerification,
    },
    socialProviders: {
      ...(config.google ? { google: config.google } : {}),
      ...(config.github ? { github: config.github } : {}),
    },
    rateLimit: { enabled: config.rateLimit },
    disabledPaths: apiKeys.paths,
    telemetry: { enabled: false },
    logger: authLogger,
    // Better Auth skips the origin check when it thinks it runs under a test runner: never skip it.
    advanced: { disableOriginCheck: false },
    databaseHooks: accounts.databaseHooks,
    hooks: { before: checkoutGuard, after: creemErrorStatus },
    plugins: [
      admin({ defaultRole: "user", adminRoles: ["admin"] }),
      // Following the link proves the address: a new user is created verified, an unverified one
      // becomes verified (Better Auth first drops what was attached to the unproven account).
      magicLink({ sendMagicLink: ({ email, url }) => mail.send(magicLinkMail(email, url)) }),
      apiKeys.plugin,
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
