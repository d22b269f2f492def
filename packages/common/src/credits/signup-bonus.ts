import { commonConfig } from "../config.ts";
import { type GrantResult, grantCredits } from "./operations/grant.ts";

const DAY_MS = 86_400_000;

/**
 * The welcome credits, granted once per user: the grant key `signup:<userId>` makes a retry, or a
 * second call racing the first, return the same package.
 */
export async function grantSignupBonus(userId: string, now = new Date()): Promise<GrantResult | null> {
  const { SIGNUP_BONUS_CREDITS, SIGNUP_BONUS_DAYS } = commonConfig();
  if (SIGNUP_BONUS_CREDITS === 0) return null;
  return grantCredits({
    userId,
    source: "SIGNUP_BONUS",
    grantKey: `signup:${userId}`,
    credits: SIGNUP_BONUS_CREDITS,
    expiresAt: new Date(now.getTime() + SIGNUP_BONUS_DAYS * DAY_MS),
    reason: "sign-up bonus",
    now,
  });
}
