import type { SqlClient } from "@videofly/db";
import { Changeset } from "../changeset.ts";
import { loadUserState } from "../state.ts";
import { resolveHoldInTransaction } from "./resolve-hold.ts";

export interface CloseCreditsResult {
  /** Holds that were HELD and are now RELEASED. */
  releasedHolds: number;
  /** Credits that left through EXPIRE entries. */
  expiredCredits: number;
}

/**
 * Ends a user's credits for good (the account is being deleted), inside the caller's transaction,
 * which must hold the user's credit lock: every HELD hold is released, then every ACTIVE package
 * expires, each through its ledger entry, so nothing stays spendable and the books still balance.
 * Outstanding debt stays on the books.
 */
export async function closeCreditsInTransaction(
  client: SqlClient,
  userId: string,
  options: { now?: Date; reason: string },
): Promise<CloseCreditsResult> {
  const now = options.now ?? new Date();
  // Everything still in the user's packages leaves through EXPIRE: released credits go back into
  // their package first (and expire with it, or at once when it is past its date).
  const { rows } = await client.query<{ reference: string | null; held: number }>(
    `SELECT h.reference, t.held FROM
       (SELECT COALESCE(sum("remainingCredits" + "frozenCredits"), 0)::int AS held
          FROM credit_package WHERE "userId" = $1 AND status = 'ACTIVE') t
       LEFT JOIN credit_hold h ON h."userId" = $1 AND h.status = 'HELD'
      ORDER BY h."createdAt", h.id`,
    [userId],
  );
  let releasedHolds = 0;
  for (const { reference } of rows) {
    if (!reference) continue;
    const released = await resolveHoldInTransaction(client, reference, "RELEASED", { now, reason: options.reason });
    if (released.resolved) releasedHolds += 1;
  }
  // Read after the releases, which put the frozen credits back into their packages.
  const changes = new Changeset(userId, now, await loadUserState(client, userId));
  for (const p of changes.allPackages()) changes.expire(p.id, { reference: p.grantKey, reason: options.reason });
  await changes.commit(client);
  const expiredCredits = rows[0]?.held ?? 0;
  return { releasedHolds, expiredCredits };
}
