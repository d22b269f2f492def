import type { AuthConfig } from "./config.ts";

export type Role = "user" | "admin";

export function isAdminEmail(config: Pick<AuthConfig, "adminEmails">, email: string): boolean {
  return config.adminEmails.has(email.trim().toLowerCase());
}

/**
 * The role a user must have now: admin exactly when their email is verified and listed in
 * ADMIN_EMAILS. An address that left the list, or was never proven, loses the role.
 */
export function roleFor(
  config: Pick<AuthConfig, "adminEmails">,
  user: { email: string; emailVerified: boolean },
): Role {
  return user.emailVerified && isAdminEmail(config, user.email) ? "admin" : "user";
}
