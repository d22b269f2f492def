import { grantSignupBonus, logger } from "@videofly/common";
import type { Db } from "@videofly/db";
import type { BetterAuthOptions } from "better-auth";
import type { AuthConfig } from "./config.ts";
import { roleFor } from "./roles.ts";

interface AccountUser {
  id: string;
  email: string;
  emailVerified: boolean;
  role?: string | null;
}

/**
 * What a user is trusted with follows a proven email: the sign-up bonus and the admin role
 * (ADMIN_EMAILS) wait for verification — the verification link, a magic link, or an OAuth provider
 * that vouches for the address. The role is also brought in line at every sign-in, so an address
 * removed from ADMIN_EMAILS loses it at its next one.
 */
export function accountHooks(config: Pick<AuthConfig, "adminEmails">, database: Db) {
  // The grant key `signup:<userId>` makes the bonus once-only, whatever retries or races. The user is
  // committed by now, so a failure cannot undo the sign-in: it is logged, and the next sign-in of the
  // verified user grants it again.
  const grantBonus = (userId: string) =>
    grantSignupBonus(userId)
      .then(() => undefined)
      .catch((error: unknown) =>
        logger().error({ err: error, userId, event: "credits.signup_bonus_failed" }, "sign-up bonus failed"),
      );

  const afterEmailVerification = async (user: AccountUser) => {
    // The verification route runs no transaction: the user row is committed and free to update.
    const role = roleFor(config, user);
    if (user.role !== role) await database.user.update({ where: { id: user.id }, data: { role } });
    await grantBonus(user.id);
  };

  const databaseHooks = {
    user: {
      create: {
        before: async (user) => ({ data: { ...user, role: roleFor(config, user) } }),
        after: async (user) => {
          if (user.emailVerified) await grantBonus(user.id);
        },
      },
    },
    session: {
      create: {
        // Before the session exists, through Better Auth's adapter: a sign-in that creates the user
        // in an open transaction (OAuth) sees its own row, and a failure leaves no session behind.
        before: async (session, ctx) => {
          const adapter = ctx?.context.internalAdapter;
          const user = (
            adapter
              ? await adapter.findUserById(session.userId)
              : await database.user.findUnique({ where: { id: session.userId } })
          ) as AccountUser | null;
          if (!user) return;
          const role = roleFor(config, user);
          if (user.role === role) return;
          if (adapter) await adapter.updateUser(user.id, { role });
          else await database.user.update({ where: { id: user.id }, data: { role } });
        },
        after: async (session) => {
          const user = await database.user.findUnique({ where: { id: session.userId } });
          if (user?.emailVerified) await grantBonus(user.id);
        },
      },
    },
  } satisfies NonNullable<BetterAuthOptions["databaseHooks"]>;

  return { databaseHooks, afterEmailVerification };
}
