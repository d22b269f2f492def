import { advisoryLock, LockNamespace, type SqlClient, transaction } from "@videofly/db";
import { commonConfig } from "../../config.ts";
import { AppError } from "../../errors/index.ts";
import { Changeset } from "../changeset.ts";
import { assertPositiveInt, type CreditHold, planDraw, prefixedId } from "../model.ts";
import { loadUserState } from "../state.ts";

export interface HoldInput {
  userId: string;
  /** What the credits pay for (a video uuid…); one hold per reference. */
  reference: string;
  amount: number;
  /** How long the hold may stay unresolved before the stale-hold job releases it (default CREDIT_HOLD_TTL_HOURS). */
  ttlMs?: number;
  now?: Date;
}

export interface HoldResult {
  hold: CreditHold;
  /** false when a hold with this reference existed: it is returned unchanged. */
  created: boolean;
}

/**
 * Freezes `amount` credits for `reference`, drawn in spending order (soonest expiry first).
 * Fails with E4001 and the shortfall when the available balance is short.
 */
export async function holdCredits(input: HoldInput): Promise<HoldResult> {
  assertPositiveInt(input.amount, "amount");
  return transaction((client) => holdUnderLock(client, input), { lock: [LockNamespace.creditUser, input.userId] });
}

/** The same hold as part of a transaction the caller owns (e.g. with the video it pays for). */
export async function holdCreditsInTransaction(client: SqlClient, input: HoldInput): Promise<HoldResult> {
  assertPositiveInt(input.amount, "amount");
  await advisoryLock(client, LockNamespace.creditUser, input.userId);
  return holdUnderLock(client, input);
}

async function holdUnderLock(client: SqlClient, input: HoldInput): Promise<HoldResult> {
  const now = input.now ?? new Date();
  const state = await loadUserState(client, input.userId, { holdReference: input.reference });
  if (state.hold) return sameHold(state.hold, input);
  const changes = new Changeset(input.userId, now, state);
  const draws = planDraw(state.packages.values(), input.amount, now);
  if (!draws) {
    const available = changes.currentTotals().available;
    throw new AppError("INSUFFICIENT_CREDITS", {
      message: `This needs ${input.amount} credits; ${available} are available.`,
      details: { required: input.amount, available, shortfall: input.amount - available },
    });
  }
  const hold: CreditHold = {
    id: prefixedId("hold"),
    userId: input.userId,
    reference: input.reference,
    amount: input.amount,
    status: "HELD",
    expiresAt: new Date(now.getTime() + (input.ttlMs ?? commonConfig().CREDIT_HOLD_TTL_HOURS * 3_600_000)),
    resolvedAt: null,
    createdAt: now,
  };
  for (const draw of draws) {
    changes.change(
      draw.packageId,
      "HOLD",
      { remaining: -draw.amount, frozen: draw.amount },
      { holdId: hold.id, reference: input.reference },
    );
  }
  changes.insertHold(hold, draws);
  await changes.commit(client);
  return { hold, created: true };
}

function sameHold(found: CreditHold, input: HoldInput): HoldResult {
  if (found.userId !== input.userId || found.amount !== input.amount) {
    throw new AppError("CONFLICT", {
      message: "A different hold already exists for this reference.",
      details: { reference: input.reference },
    });
  }
  return { hold: found, created: false };
}
