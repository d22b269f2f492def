import type { AuthConfig } from "./config.ts";

export function isAdminEmail(config: Pick<AuthConfig, "adminEmails">, email: string): boolean {
  return config.adminEmails.has(email.trim().toLowerCase());
}
