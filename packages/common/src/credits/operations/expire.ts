import { LockNamespace, pool, transaction } from "@videofly/db";
import { Changeset } from "../changeset.ts";
import { isDueToExpire } from "../model.ts";
import { loadUserState } from "../state.ts";
import { releaseHold } from "./resolve-hold.ts";

export interface JobOptions {
  now?: Date;
  /** How many users (expiry) or holds (stale holds) to take per query. */
  batchSize?: number;
}

export interface ExpireResult {
  users: number;
  packages: number;
  credits: number;
}

/**
 * Expires every ACTIVE package past its expiry with nothing frozen: its remaining credits leave
 * through an EXPIRE entry. Safe to run twice at once: each user's packages are re-read under the
 * user's lock, so a package expires exactly once.
 */
export async function expireCredits(options: JobOptions = {}): Promise<ExpireResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const result: ExpireResult = { users: 0, packages: 0, credits: 0 };
  const seen = new Set<string>();
  for (;;) {
    const { rows } = await pool().query<{ userId: string }>(
      `SELECT DISTINCT "userId" FROM credit_package
        WHERE status = 'ACTIVE' AND "expiresAt" <= $1 AND "frozenCredits" = 0 AND NOT ("userId" = ANY($2::text[]))
        LIMIT $3`,
      [now, [...seen], batchSize],
    );
    if (!rows.length) return result;
    for (const { userId } of rows) {
      seen.add(userId);
      const expired = await expireUserPackages(userId, now);
      if (expired.packages) result.users += 1;
      result.packages += expired.packages;
      result.credits += expired.credits;
    }
  }
}

async function expireUserPackages(userId: string, now: Date): Promise<{ packages: number; credits: number }> {
  return transaction(
    async (client) => {
      const changes = new Changeset(userId, now, await loadUserState(client, userId));
      let packages = 0;
      let credits = 0;
      for (const p of changes.allPackages()) {
        if (!isDueToExpire(p, now)) continue;
        credits += changes.expire(p.id, { reference: p.grantKey, reason: "expired" });
        packages += 1;
      }
      await changes.commit(client);
      return { packages, credits };
    },
    { lock: [LockNamespace.creditUser, userId] },
  );
}

export interface ReleaseStaleOptions extends JobOptions {
  /**
   * Of a batch of stale holds, the references whose work is still running: those are kept. The
   * engine cannot tell; the owner of the work answers (the video pipeline, which settles or
   * releases the hold itself when the video ends, at the latest at its maximum runtime).
   */
  stillRunning?: (references: string[]) => Promise<ReadonlySet<string>>;
}

export interface ReleaseStaleResult {
  released: number;
  credits: number;
  /** Stale holds left alone because their work is still running. */
  kept: number;
}

/** Releases holds still HELD past their TTL, so no credits stay frozen for a generation that died. */
export async function releaseStaleHolds(options: ReleaseStaleOptions = {}): Promise<ReleaseStaleResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const result: ReleaseStaleResult = { released: 0, credits: 0, kept: 0 };
  const seen = new Set<string>();
  for (;;) {
    const { rows } = await pool().query<{ reference: string }>(
      `SELECT reference FROM credit_hold
        WHERE status = 'HELD' AND "expiresAt" <= $1 AND NOT (reference = ANY($2::text[]))
        ORDER BY "expiresAt" LIMIT $3`,
      [now, [...seen], batchSize],
    );
    if (!rows.length) return result;
    const references = rows.map((r) => r.reference);
    for (const reference of references) seen.add(reference);
    // A reference names one attempt and is never reused: work found finished cannot start again
    // before the release below, and work that ends meanwhile resolves its own hold.
    const running = (await options.stillRunning?.(references)) ?? new Set<string>();
    for (const reference of references) {
      if (running.has(reference)) {
        result.kept += 1;
        continue;
      }
      const released = await releaseHold(reference, { now, reason: "hold expired" });
      if (released.resolved) {
        result.released += 1;
        result.credits += released.hold.amount;
      }
    }
  }
}
