import { grantCredits } from "../../src/credits/index.ts";
import { createUser } from "../credits/support.ts";

/** Kling 2.6, text-to-video, 5 s, standard: 1 credit. */
export const klingSpec = (prompt: string) => ({
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO" as const,
  prompt,
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
});

/** A new user with one never-expiring purchased package. */
export async function userWithCredits(prefix: string, credits = 1000): Promise<string> {
  const userId = await createUser(prefix);
  await grantCredits({ userId, source: "PURCHASE", grantKey: `o:${userId}`, credits, expiresAt: null });
  return userId;
}
