import { randomUUID } from "node:crypto";
import { db, LockNamespace, transaction } from "@videofly/db";
import { AppError } from "../../errors/index.ts";
import { Changeset } from "../changeset.ts";
import { planDraw } from "../model.ts";
import { loadUserState } from "../state.ts";
import { grantCredits } from "./grant.ts";

export interface AdjustInput {
  /** Whose credits: by id or by email. */
  user: { id: string } | { email: string };
  /** Positive: a grant (an ADMIN_GRANT package); negative: a deduction in spending order. */
  credits: number;
  reason: string;
  actorId: string;
  /** For a grant: days until the credits expire; omitted, they never do. */
  expiresInDays?: number;
  now?: Date;
}

export interface AdjustResult {
  userId: string;
  credits: number;
  packageId: string | null;
}

const DAY_MS = 86_400_000;

/** An admin's correction, recorded with their id and reason as ADJUST entries. */
export async function adjustCredits(input: AdjustInput): Promise<AdjustResult> {
  if (!Number.isSafeInteger(input.credits) || input.credits === 0) {
    throw new AppError("VALIDATION_FAILED", {
      message: "credits must be a non-zero integer.",
      details: { fields: [{ field: "credits", code: "invalid", message: "must be a non-zero integer" }] },
    });
  }
  const now = input.now ?? new Date();
  const userId = await resolveUserId(input.user);
  if (input.credits > 0) {
    const granted = await grantCredits(
      {
        userId,
        source: "ADMIN_GRANT",
        grantKey: `admin:${randomUUID()}`,
        credits: input.credits,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null,
        reason: input.reason,
        actorId: input.actorId,
        now,
      },
      "ADJUST",
    );
    return { userId, credits: input.credits, packageId: granted.package.id };
  }
  const amount = -input.credits;
  return transaction(
    async (client) => {
      const state = await loadUserState(client, userId);
      const changes = new Changeset(userId, now, state);
      const draws = planDraw(state.packages.values(), amount, now);
      if (!draws) {
        const available = changes.currentTotals().available;
        throw new AppError("INSUFFICIENT_CREDITS", {
          message: `Cannot deduct ${amount} credits; ${available} are available.`,
          details: { required: amount, available, shortfall: amount - available },
        });
      }
      for (const d of draws) {
        changes.change(
          d.packageId,
          "ADJUST",
          { remaining: -d.amount },
          { reason: input.reason, actorId: input.actorId },
        );
      }
      await changes.commit(client);
      return { userId, credits: input.credits, packageId: null };
    },
    { lock: [LockNamespace.creditUser, userId] },
  );
}

async function resolveUserId(user: AdjustInput["user"]): Promise<string> {
  const found =
    "id" in user
      ? await db().user.findUnique({ where: { id: user.id }, select: { id: true } })
      : await db().user.findUnique({ where: { email: user.email.trim().toLowerCase() }, select: { id: true } });
  if (!found) throw new AppError("NOT_FOUND", { message: "No such user.", details: { user } });
  return found.id;
}
