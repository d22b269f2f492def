import { LockNamespace, type SqlClient, transaction } from "@videofly/db";
import { AppError } from "../../errors/index.ts";
import { Changeset } from "../changeset.ts";
import { type CreditHold, type HoldStatus, isDueToExpire } from "../model.ts";
import { loadHoldForResolution } from "../state.ts";

export type HoldOutcome = "SETTLED" | "RELEASED";

export interface ResolveHoldResult {
  hold: CreditHold;
  /** true for the one call that resolved the hold; false for every other (a reported no-op). */
  resolved: boolean;
  /** The hold's status before this call. */
  previousStatus: HoldStatus;
  /** Released credits that went straight to expiry because their package had expired meanwhile. */
  expiredOnRelease: number;
}

/** Settles a hold: the frozen credits are spent. Exactly once; later calls are no-ops. */
export function settleHold(reference: string, options: { now?: Date; reason?: string } = {}) {
  return resolveHold(reference, "SETTLED", options);
}

/** Releases a hold: the frozen credits go back. Exactly once; later calls are no-ops. */
export function releaseHold(reference: string, options: { now?: Date; reason?: string } = {}) {
  return resolveHold(reference, "RELEASED", options);
}

async function resolveHold(
  reference: string,
  outcome: HoldOutcome,
  options: { now?: Date; reason?: string },
): Promise<ResolveHoldResult> {
  return transaction(
    async (client, begun) => {
      if (!begun.length) throw notFound(reference);
      return resolveUnderLock(client, reference, outcome, options);
    },
    {
      // The owner's lock, found through the hold (its owner never changes), in the BEGIN round trip.
      begin: (literal) =>
        `SELECT pg_advisory_xact_lock(${LockNamespace.creditUser}, hashtext(h."userId")) FROM credit_hold h WHERE h.reference = ${literal(reference)}`,
    },
  );
}

/** Settles or releases a hold as part of a transaction the caller owns (with the video's new status). */
export async function resolveHoldInTransaction(
  client: SqlClient,
  reference: string,
  outcome: HoldOutcome,
  options: { now?: Date; reason?: string } = {},
): Promise<ResolveHoldResult> {
  const { rowCount } = await client.query(
    `SELECT pg_advisory_xact_lock(${LockNamespace.creditUser}, hashtext(h."userId")) FROM credit_hold h WHERE h.reference = $1`,
    [reference],
  );
  if (!rowCount) throw notFound(reference);
  return resolveUnderLock(client, reference, outcome, options);
}

const notFound = (reference: string) =>
  new AppError("NOT_FOUND", { message: "No credit hold with this reference.", details: { reference } });

async function resolveUnderLock(
  client: SqlClient,
  reference: string,
  outcome: HoldOutcome,
  options: { now?: Date; reason?: string },
): Promise<ResolveHoldResult> {
  const now = options.now ?? new Date();
  // Under the owner's lock and a row lock on the hold, the first resolution wins; the rest see it.
  const context = await loadHoldForResolution(client, reference);
  if (!context) throw notFound(reference);
  const { hold, allocations } = context;
  if (hold.status !== "HELD") return { hold, resolved: false, previousStatus: hold.status, expiredOnRelease: 0 };

  const changes = new Changeset(hold.userId, now, context.state);
  for (const p of context.allocatedPackages.values()) changes.track(p);
  const meta = { holdId: hold.id, reference, reason: options.reason };
  for (const a of allocations) {
    if (outcome === "SETTLED") changes.change(a.packageId, "SETTLE", { frozen: -a.amount }, meta);
    else changes.change(a.packageId, "RELEASE", { remaining: a.amount, frozen: -a.amount }, meta);
  }
  // A package past its expiry was kept alive only by this hold's frozen credits: it expires now,
  // taking any released credits with it.
  let expiredOnRelease = 0;
  for (const a of allocations) {
    const p = changes.package(a.packageId);
    if (isDueToExpire(p, now)) {
      const expired = changes.expire(p.id, { reference, reason: "expired while held" });
      if (outcome === "RELEASED") expiredOnRelease += Math.min(expired, a.amount);
    }
  }
  changes.resolveHold(hold.id, outcome);
  await changes.commit(client);
  return {
    hold: { ...hold, status: outcome, resolvedAt: now },
    resolved: true,
    previousStatus: "HELD" as const,
    expiredOnRelease,
  };
}
