import { db } from "@videofly/db";

/**
 * The password hash of a user's email-and-password sign-in; null for an account that signs in
 * another way only (Google, GitHub, an email link). Whether an account "has a password" is this.
 */
export async function passwordHashOf(userId: string): Promise<string | null> {
  const credential = await db().account.findFirst({
    where: { userId, providerId: "credential", password: { not: null } },
    select: { password: true },
  });
  return credential?.password ?? null;
}

export async function hasPassword(userId: string): Promise<boolean> {
  return (await passwordHashOf(userId)) !== null;
}
