import { advisoryLock, LockNamespace, type SqlClient } from "@videofly/db";
import type { Changeset } from "../changeset.ts";
import type { CreditPackage } from "../model.ts";
import { findPackageByGrantKey } from "../state.ts";
import {
  type ClawbackInput,
  type ClawbackResult,
  clawbackUnderLock,
  shareOfGrant,
  takeBack,
  validateClawbackAmount,
} from "./clawback.ts";

/** A clawback of a grant that may not exist yet: the amount is a share, as the grant's size is unknown. */
export type DeferrableClawbackInput = Omit<ClawbackInput, "credits">;

export type ClawbackOrDeferResult =
  | (ClawbackResult & { deferred: false })
  | {
      deferred: true;
      /** false when this clawback key was already waiting: nothing changed. */
      recorded: boolean;
    };

const WHOLE = { part: 1, of: 1 };

/**
 * A clawback that may arrive before its grant (a refund delivered before the purchase): applied at
 * once when the grant exists, else recorded in `pending_clawback` for the grant to apply in the
 * transaction that creates it. Both sides take the grant key's lock first, so a clawback and its
 * grant arriving together meet: whichever commits second sees the other. Part of a transaction the
 * caller owns (the webhook event's).
 */
export async function clawbackOrDeferInTransaction(
  client: SqlClient,
  input: DeferrableClawbackInput,
): Promise<ClawbackOrDeferResult> {
  validateClawbackAmount(input);
  await advisoryLock(client, LockNamespace.creditGrant, input.grantKey);
  const granted = await findPackageByGrantKey(client, input.grantKey);
  if (granted) {
    await advisoryLock(client, LockNamespace.creditUser, granted.userId);
    return { deferred: false, ...(await clawbackUnderLock(client, input, granted)) };
  }
  const share = input.share ?? WHOLE;
  const { rowCount } = await client.query(
    `INSERT INTO pending_clawback ("grantKey", "clawbackKey", "sharePart", "shareOf", reason, "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ("clawbackKey") DO NOTHING`,
    [
      input.grantKey,
      input.clawbackKey,
      Math.min(share.part, share.of),
      share.of,
      input.reason ?? null,
      input.now ?? new Date(),
    ],
  );
  return { deferred: true, recorded: rowCount === 1 };
}

/**
 * Applies the clawbacks waiting for a new grant to the changeset that creates its package, each
 * exactly once (it is marked applied in the same transaction). Call under the grant key's lock and
 * the user's. Returns the credits clawed back (taken now or become debt).
 */
export async function applyPendingClawbacks(
  client: SqlClient,
  changes: Changeset,
  pkg: CreditPackage,
): Promise<number> {
  const { rows } = await client.query<{
    clawbackKey: string;
    sharePart: number;
    shareOf: number;
    reason: string | null;
    createdAt: Date;
  }>(
    `UPDATE pending_clawback SET "appliedAt" = $2 WHERE "grantKey" = $1 AND "appliedAt" IS NULL
     RETURNING "clawbackKey", "sharePart", "shareOf", reason, "createdAt"`,
    [pkg.grantKey, changes.now],
  );
  let credits = 0;
  // In the order they arrived, so several partial refunds read in the ledger as they happened.
  for (const r of rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const wanted = shareOfGrant(pkg.initialCredits, { part: r.sharePart, of: r.shareOf });
    const meta = { reference: r.clawbackKey, reason: r.reason ?? `clawback of ${pkg.grantKey}` };
    takeBack(changes, pkg.id, wanted, r.clawbackKey, meta);
    credits += wanted;
  }
  return credits;
}
