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
  assertAvailable(changes, input.amount, now);
  const hold = addHold(changes, input, now);
  await changes.commit(client);
  return { hold, created: true };
}

export interface HoldManyInput {
  userId: string;
  /** One hold per reference, each resolved on its own; every reference must be new. */
  holds: { reference: string; amount: number }[];
  ttlMs?: number;
  now?: Date;
}

/**
 * Many holds of one user at once (a batch's items), all or none, as part of a transaction the
 * caller owns: the user's state is read once and every hold is written by one statement. The
 * holds draw one after the other in spending order, as the same holds made one by one would.
 * Fails with E4001 and the shortfall of the whole when the available balance is short. Returns the
 * holds and the available balance after them.
 */
export async function holdManyCreditsInTransaction(
  client: SqlClient,
  input: HoldManyInput,
): Promise<{ holds: CreditHold[]; available: number }> {
  for (const h of input.holds) assertPositiveInt(h.amount, "amount");
  const references = input.holds.map((h) => h.reference);
  if (new Set(references).size !== references.length) throw new Error("hold references must be distinct");
  await advisoryLock(client, LockNamespace.creditUser, input.userId);
  const now = input.now ?? new Date();
  const existing = await client.query<{ reference: string }>(
    `SELECT reference FROM credit_hold WHERE reference = ANY($1::text[]) LIMIT 1`,
    [references],
  );
  if (existing.rows[0]) {
    throw new AppError("CONFLICT", {
      message: "A hold already exists for this reference.",
      details: { reference: existing.rows[0].reference },
    });
  }
  const changes = new Changeset(input.userId, now, await loadUserState(client, input.userId));
  assertAvailable(
    changes,
    input.holds.reduce((sum, h) => sum + h.amount, 0),
    now,
  );
  const holds = input.holds.map((h) => addHold(changes, { ...input, ...h }, now));
  await changes.commit(client);
  return { holds, available: changes.currentTotals().available };
}

/** E4001 with the shortfall unless `amount` credits can be drawn from what the change sees. */
function assertAvailable(changes: Changeset, amount: number, now: Date): void {
  if (planDraw(changes.allPackages(), amount, now)) return;
  const available = changes.currentTotals().available;
  throw new AppError("INSUFFICIENT_CREDITS", {
    message: `This needs ${amount} credits; ${available} are available.`,
    details: { required: amount, available, shortfall: amount - available },
  });
}

/** Draws one hold's credits in spending order and records it in the change; the caller checked the balance. */
function addHold(
  changes: Changeset,
  input: { userId: string; reference: string; amount: number; ttlMs?: number },
  now: Date,
): CreditHold {
  const draws = planDraw(changes.allPackages(), input.amount, now);
  if (!draws) throw new Error("the balance was checked before drawing");
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
  return hold;
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
