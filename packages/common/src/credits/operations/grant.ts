import { advisoryLock, LockNamespace, pool, type SqlClient, transaction } from "@videofly/db";
import { AppError } from "../../errors/index.ts";
import { emitGranted } from "../balance-events.ts";
import { Changeset } from "../changeset.ts";
import { assertPositiveInt, type CreditPackage, type CreditSource, type EntryType } from "../model.ts";
import { findPackageByGrantKey, loadUserState } from "../state.ts";
import { applyPendingClawbacks } from "./pending-clawback.ts";

export interface GrantInput {
  userId: string;
  source: CreditSource;
  /** The external event behind the grant; a second grant with the same key returns the first package. */
  grantKey: string;
  credits: number;
  /** null: never expires. */
  expiresAt: Date | null;
  reason?: string;
  actorId?: string;
  now?: Date;
}

export interface GrantResult {
  package: CreditPackage;
  /** false when the grant key had been granted before: nothing changed. */
  created: boolean;
  /** Credits that went to paying off debt before the rest became spendable. */
  paidToDebt: number;
  /** Credits taken back at once by refunds or disputes of this grant that arrived before it. */
  clawedBack: number;
}

const UNIQUE_VIOLATION = "23505";

type GrantEntry = Extract<EntryType, "GRANT" | "ADJUST">;

/**
 * Grants credits as a new package, idempotently by grant key. Clawbacks of this grant that arrived
 * before it (pending_clawback) are applied first; then outstanding debt (from earlier clawbacks) is
 * paid, oldest debt first; only the rest becomes spendable.
 */
export async function grantCredits(input: GrantInput, entryType: GrantEntry = "GRANT"): Promise<GrantResult> {
  assertPositiveInt(input.credits, "credits");
  // A redelivery (a webhook retried after the credits' expiry) is the same grant, not a bad one.
  const existing = await existingGrant(input);
  if (existing) return existing;
  validateExpiry(input);
  try {
    return await transaction((client) => grantUnderLock(client, input, entryType), {
      // The grant key's lock, then the user's (always in this order), in the BEGIN round trip.
      begin: (literal) =>
        `SELECT pg_advisory_xact_lock(${LockNamespace.creditGrant}, hashtext(${literal(input.grantKey)}));
         SELECT pg_advisory_xact_lock(${LockNamespace.creditUser}, hashtext(${literal(input.userId)}))`,
    });
  } catch (error) {
    // The same key granted at the same moment for another user's lock: the first one won.
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
      const winner = await existingGrant(input);
      if (winner) return winner;
    }
    throw error;
  }
}

/** The same grant as part of a transaction the caller owns (e.g. with the webhook event it answers). */
export async function grantCreditsInTransaction(
  client: SqlClient,
  input: GrantInput,
  entryType: GrantEntry = "GRANT",
): Promise<GrantResult> {
  assertPositiveInt(input.credits, "credits");
  await advisoryLock(client, LockNamespace.creditGrant, input.grantKey);
  await advisoryLock(client, LockNamespace.creditUser, input.userId);
  return grantUnderLock(client, input, entryType);
}

function validateExpiry(input: GrantInput): Date {
  const now = input.now ?? new Date();
  if (input.expiresAt && input.expiresAt <= now) {
    throw new AppError("VALIDATION_FAILED", {
      message: "expiresAt must be in the future.",
      details: { fields: [{ field: "expiresAt", code: "too_small", message: "must be in the future" }] },
    });
  }
  return now;
}

async function grantUnderLock(client: SqlClient, input: GrantInput, entryType: GrantEntry): Promise<GrantResult> {
  const state = await loadUserState(client, input.userId, { grantKey: input.grantKey });
  if (state.grant) return sameGrant(state.grant, input);
  const now = validateExpiry(input);
  const changes = new Changeset(input.userId, now, state);
  const pkg = changes.createPackage({
    source: input.source,
    grantKey: input.grantKey,
    initialCredits: input.credits,
    expiresAt: input.expiresAt,
  });
  const meta = { reference: input.grantKey, reason: input.reason, actorId: input.actorId };
  changes.change(pkg.id, entryType, { remaining: input.credits }, meta);
  // A refund that came first takes this grant's credits back before any older debt is paid from them.
  const clawedBack = await applyPendingClawbacks(client, changes, pkg);
  let paidToDebt = 0;
  for (const debt of changes.outstandingDebts()) {
    const pay = Math.min(debt.outstanding, changes.package(pkg.id).remainingCredits);
    if (pay === 0) break;
    changes.payDebt(debt.id, pkg.id, pay);
    paidToDebt += pay;
  }
  await changes.commit(client);
  const granted = changes.package(pkg.id);
  await emitGranted(client, granted);
  return { package: granted, created: true, paidToDebt, clawedBack };
}

async function existingGrant(input: GrantInput): Promise<GrantResult | null> {
  const client = await pool().connect();
  try {
    const found = await findPackageByGrantKey(client, input.grantKey);
    return found ? sameGrant(found, input) : null;
  } finally {
    client.release();
  }
}

function sameGrant(found: CreditPackage, input: GrantInput): GrantResult {
  if (found.userId !== input.userId) {
    throw new AppError("CONFLICT", {
      message: "This grant key was already used for another user.",
      details: { grantKey: input.grantKey },
    });
  }
  return { package: found, created: false, paidToDebt: 0, clawedBack: 0 };
}
