import { advisoryLock, LockNamespace, pool, type SqlClient, transaction } from "@videofly/db";
import { AppError } from "../../errors/index.ts";
import { Changeset, type EntryMeta } from "../changeset.ts";
import type { CreditPackage } from "../model.ts";
import { assertPositiveInt, isSpendable } from "../model.ts";
import { findPackageByGrantKey, loadUserState } from "../state.ts";

/** A fraction of a grant: `part` of `of` (a refund of 495 of the 990 cents paid). */
export interface ClawbackShare {
  part: number;
  of: number;
}

export interface ClawbackInput {
  /** The grant being refunded or disputed (a Creem order id, subscription period…). */
  grantKey: string;
  /** The refund or dispute itself; a second clawback with the same key is a no-op. */
  clawbackKey: string;
  /** How many credits to take back; default: everything the grant gave (or `share` of it). */
  credits?: number;
  /** The share of the grant's credits to take back, rounded up; not together with `credits`. */
  share?: ClawbackShare;
  reason?: string;
  now?: Date;
}

export interface ClawbackResult {
  userId: string;
  /** Credits taken from packages now. */
  taken: number;
  /** What could not be taken and became debt, paid by the next grants. */
  debt: number;
  /** false when this clawback key was applied before: nothing changed. */
  applied: boolean;
}

/**
 * Takes a refunded or disputed grant's credits back: from that grant's package first, then from
 * the newest packages; frozen credits are left to their holds. The rest becomes debt. Never makes
 * a package negative.
 */
export async function clawbackCredits(input: ClawbackInput): Promise<ClawbackResult> {
  const client = await pool().connect();
  const granted = await findPackageByGrantKey(client, input.grantKey).finally(() => client.release());
  const pkg = requireGrant(granted, input);
  return transaction((tx) => clawbackUnderLock(tx, input, pkg), { lock: [LockNamespace.creditUser, pkg.userId] });
}

/** The same clawback as part of a transaction the caller owns (e.g. with the webhook event it answers). */
export async function clawbackCreditsInTransaction(client: SqlClient, input: ClawbackInput): Promise<ClawbackResult> {
  const pkg = requireGrant(await findPackageByGrantKey(client, input.grantKey), input);
  await advisoryLock(client, LockNamespace.creditUser, pkg.userId);
  return clawbackUnderLock(client, input, pkg);
}

/** Rejects an amount that is not a positive whole number of credits or a proper share. */
export function validateClawbackAmount(input: Pick<ClawbackInput, "credits" | "share">): void {
  if (input.credits !== undefined) assertPositiveInt(input.credits, "credits");
  if (input.share) {
    assertPositiveInt(input.share.part, "share.part");
    assertPositiveInt(input.share.of, "share.of");
  }
  if (input.credits !== undefined && input.share) {
    throw new AppError("VALIDATION_FAILED", {
      message: "Give credits or a share, not both.",
      details: { fields: [{ field: "share", code: "invalid", message: "not together with credits" }] },
    });
  }
}

/** The credits a share of a grant comes to, rounded up, never more than the grant (integer arithmetic). */
export function shareOfGrant(initialCredits: number, share: ClawbackShare): number {
  return Math.ceil((initialCredits * Math.min(share.part, share.of)) / share.of);
}

function requireGrant(granted: CreditPackage | null, input: ClawbackInput): CreditPackage {
  validateClawbackAmount(input);
  if (!granted) {
    throw new AppError("NOT_FOUND", {
      message: "No credit grant with this key.",
      details: { grantKey: input.grantKey },
    });
  }
  return granted;
}

/** Applies a clawback to an existing grant; call under the owner's lock. */
export async function clawbackUnderLock(
  tx: SqlClient,
  input: ClawbackInput,
  granted: CreditPackage,
): Promise<ClawbackResult> {
  const now = input.now ?? new Date();
  const userId = granted.userId;
  const done = await tx.query(
    `SELECT 1 FROM credit_transaction WHERE "userId" = $1 AND type = 'CLAWBACK' AND reference = $2 LIMIT 1`,
    [userId, input.clawbackKey],
  );
  if (done.rowCount) return { userId, taken: 0, debt: 0, applied: false };

  const changes = new Changeset(userId, now, await loadUserState(tx, userId));
  const wanted =
    input.credits ?? (input.share ? shareOfGrant(granted.initialCredits, input.share) : granted.initialCredits);
  const meta = { reference: input.clawbackKey, reason: input.reason ?? `clawback of ${input.grantKey}` };
  const { taken, debt } = takeBack(changes, granted.id, wanted, input.clawbackKey, meta);
  await changes.commit(tx);
  return { userId, taken, debt, applied: true };
}

/**
 * Takes `wanted` credits back into `changes`: from the granted package first (an expired one is no
 * longer among the active and is skipped), then from the newest spendable ones; the rest is debt.
 */
export function takeBack(
  changes: Changeset,
  grantedId: string,
  wanted: number,
  clawbackKey: string,
  meta: EntryMeta,
): { taken: number; debt: number } {
  const others = changes
    .allPackages()
    .filter((p) => p.id !== grantedId && isSpendable(p, changes.now))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
  const own = changes.allPackages().find((p) => p.id === grantedId);
  const order = own ? [own, ...others] : others;
  let left = wanted;
  for (const p of order) {
    const take = Math.min(left, p.remainingCredits);
    if (take === 0) continue;
    changes.change(p.id, "CLAWBACK", { remaining: -take }, meta);
    left -= take;
    if (left === 0) break;
  }
  if (left > 0) changes.createDebt(clawbackKey, left, meta);
  return { taken: wanted - left, debt: left };
}
