import type { SqlClient } from "@videofly/db";
import type { CreditDebt, CreditHold, CreditPackage } from "./model.ts";

// Row shapes as json_build_object writes them: timestamps arrive as ISO strings.
interface PackageJson extends Omit<CreditPackage, "expiresAt" | "createdAt"> {
  expiresAt: string | null;
  createdAt: string;
}
interface DebtJson extends Omit<CreditDebt, "createdAt"> {
  createdAt: string;
}
interface HoldJson extends Omit<CreditHold, "expiresAt" | "resolvedAt" | "createdAt"> {
  expiresAt: string;
  resolvedAt: string | null;
  createdAt: string;
}

const PACKAGE_JSON = `json_build_object('id', p.id, 'userId', p."userId", 'source', p.source, 'grantKey', p."grantKey",
  'initialCredits', p."initialCredits", 'remainingCredits', p."remainingCredits", 'frozenCredits', p."frozenCredits",
  'expiresAt', p."expiresAt", 'status', p.status, 'createdAt', p."createdAt")`;

const HOLD_COLUMNS = `h.id, h."userId", h.reference, h.amount, h.status, h."expiresAt", h."resolvedAt", h."createdAt"`;

export function packageFromJson(j: PackageJson): CreditPackage {
  return { ...j, expiresAt: j.expiresAt ? new Date(j.expiresAt) : null, createdAt: new Date(j.createdAt) };
}

function debtFromJson(j: DebtJson): CreditDebt {
  return { ...j, createdAt: new Date(j.createdAt) };
}

export function holdFromRow(r: HoldJson | CreditHold): CreditHold {
  return {
    ...r,
    expiresAt: new Date(r.expiresAt),
    resolvedAt: r.resolvedAt ? new Date(r.resolvedAt) : null,
    createdAt: new Date(r.createdAt),
  };
}

export interface UserState {
  userId: string;
  /** The user's ACTIVE packages by id. */
  packages: Map<string, CreditPackage>;
  /** Debts with something outstanding, oldest first. */
  debts: CreditDebt[];
  /** The user's credits.low threshold (0: no alert). */
  lowBalanceThreshold: number;
}

const STATE_COLUMNS = (user: string) => `
  (SELECT json_agg(${PACKAGE_JSON}) FROM credit_package p WHERE p."userId" = ${user} AND p.status = 'ACTIVE') AS packages,
  (SELECT json_agg(json_build_object('id', d.id, 'clawbackKey', d."clawbackKey", 'amount', d.amount,
     'outstanding', d.outstanding, 'createdAt', d."createdAt") ORDER BY d."createdAt", d.id)
     FROM credit_debt d WHERE d."userId" = ${user} AND d.outstanding > 0) AS debts,
  (SELECT u."creditsLowThreshold" FROM "user" u WHERE u.id = ${user}) AS low_threshold`;

interface StateRow {
  packages: PackageJson[] | null;
  debts: DebtJson[] | null;
  low_threshold: number | null;
}

function stateFromRow(userId: string, row: StateRow | undefined): UserState {
  return {
    userId,
    packages: new Map((row?.packages ?? []).map((j) => [j.id, packageFromJson(j)])),
    debts: (row?.debts ?? []).map(debtFromJson),
    lowBalanceThreshold: row?.low_threshold ?? 0,
  };
}

/**
 * Everything a credit operation needs to know about a user, in one round trip, with the package
 * of `grantKey` and the hold of `holdReference` when asked (any user's: callers check the owner).
 * Call under the user's lock.
 */
export async function loadUserState(
  client: SqlClient,
  userId: string,
  lookup: { grantKey?: string; holdReference?: string } = {},
): Promise<UserState & { grant: CreditPackage | null; hold: CreditHold | null }> {
  const { rows } = await client.query<StateRow & { grant: PackageJson | null; hold: HoldJson | null }>(
    `SELECT ${STATE_COLUMNS("$1")},
       (SELECT ${PACKAGE_JSON} FROM credit_package p WHERE $2::text IS NOT NULL AND p."grantKey" = $2) AS grant,
       (SELECT row_to_json(h) FROM (SELECT ${HOLD_COLUMNS} FROM credit_hold h WHERE $3::text IS NOT NULL AND h.reference = $3) h) AS hold`,
    [userId, lookup.grantKey ?? null, lookup.holdReference ?? null],
  );
  const row = rows[0];
  return {
    ...stateFromRow(userId, row),
    grant: row?.grant ? packageFromJson(row.grant) : null,
    hold: row?.hold ? holdFromRow(row.hold) : null,
  };
}

export interface HoldContext {
  hold: CreditHold;
  state: UserState;
  allocations: Allocation[];
  /** The packages the hold drew from, whatever their status. */
  allocatedPackages: Map<string, CreditPackage>;
}

/**
 * A hold, row-locked, with its owner's state and its allocations: one round trip. Call under the
 * owner's lock. Null when there is no such hold.
 */
export async function loadHoldForResolution(client: SqlClient, reference: string): Promise<HoldContext | null> {
  const { rows } = await client.query<
    StateRow & HoldJson & { allocations: { amount: number; p: PackageJson }[] | null }
  >(
    `SELECT ${HOLD_COLUMNS}, ${STATE_COLUMNS('h."userId"')},
       (SELECT json_agg(json_build_object('amount', a.amount, 'p', ${PACKAGE_JSON}) ORDER BY a."packageId")
          FROM credit_hold_allocation a JOIN credit_package p ON p.id = a."packageId"
         WHERE a."holdId" = h.id) AS allocations
       FROM credit_hold h WHERE h.reference = $1
        FOR UPDATE OF h`,
    [reference],
  );
  const row = rows[0];
  if (!row) return null;
  const allocated = row.allocations ?? [];
  return {
    hold: holdFromRow(row),
    state: stateFromRow(row.userId, row),
    allocations: allocated.map((a) => ({ packageId: a.p.id, amount: a.amount })),
    allocatedPackages: new Map(allocated.map((a) => [a.p.id, packageFromJson(a.p)])),
  };
}

export async function findPackageByGrantKey(client: SqlClient, grantKey: string): Promise<CreditPackage | null> {
  const { rows } = await client.query<{ p: PackageJson }>(
    `SELECT ${PACKAGE_JSON} AS p FROM credit_package p WHERE p."grantKey" = $1`,
    [grantKey],
  );
  return rows[0] ? packageFromJson(rows[0].p) : null;
}

export interface Allocation {
  packageId: string;
  amount: number;
}
