import { AppError } from "@videofly/common";
import { auth } from "./auth.ts";
import { passwordHashOf } from "./credentials.ts";
import type { RequestIdentity } from "./session.ts";

/** How recent a sign-in must be for an account without a password to be deleted by it. */
export const FRESH_SIGN_IN_MINUTES = 10;

/**
 * Proves that the caller of an account deletion is the account holder, now: a session (never an
 * API key), and the password when the account has one; without one (OAuth, magic link) a sign-in
 * within the last FRESH_SIGN_IN_MINUTES.
 */
export async function confirmAccountDeletion(
  identity: RequestIdentity,
  headers: Headers,
  password: string | undefined,
): Promise<void> {
  if (identity.via !== "session") {
    throw new AppError("FORBIDDEN", { message: "Deleting the account needs a signed-in session, not an API key." });
  }
  const hash = await passwordHashOf(identity.user.id);
  if (hash) {
    if (!password) {
      throw new AppError("VALIDATION_FAILED", {
        message: "This account has a password: send it to delete the account.",
        details: { fields: [{ field: "body.password", code: "required", message: "the account's password" }] },
      });
    }
    const context = await auth().$context;
    if (!(await context.password.verify({ hash, password }))) {
      throw new AppError("FORBIDDEN", { message: "The password is not correct.", details: { field: "body.password" } });
    }
    return;
  }
  const session = await auth().api.getSession({ headers });
  const signedInAt = session?.session.createdAt.getTime() ?? 0;
  if (Date.now() - signedInAt > FRESH_SIGN_IN_MINUTES * 60_000) {
    throw new AppError("FORBIDDEN", {
      message: `Sign in again: an account without a password is deleted only within ${FRESH_SIGN_IN_MINUTES} minutes of signing in.`,
      details: { freshSignInMinutes: FRESH_SIGN_IN_MINUTES },
    });
  }
}
