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
}

/** Everything a credit operation needs to know about a user, in one round trip. Call under the user lock. */
export async function loadUserState(client: SqlClient, userId: string): Promise<UserState> {
  const { rows } = await client.query<{ packages: PackageJson[] | null; debts: DebtJson[] | null }>(
    `SELECT
       (SELECT json_agg(${PACKAGE_JSON}) FROM credit_package p WHERE p."userId" = $1 AND p.status = 'ACTIVE') AS packages,
       (SELECT json_agg(json_build_object('id', d.id, 'clawbackKey', d."clawbackKey", 'amount', d.amount,
          'outstanding', d.outstanding, 'createdAt', d."createdAt") ORDER BY d."createdAt", d.id)
        FROM credit_debt d WHERE d."userId" = $1 AND d.outstanding > 0) AS debts`,
    [userId],
  );
  const row = rows[0];
  return {
    userId,
    packages: new Map((row?.packages ?? []).map((j) => [j.id, packageFromJson(j)])),
    debts: (row?.debts ?? []).map(debtFromJson),
  };
}

export async function findPackageByGrantKey(client: SqlClient, grantKey: string): Promise<CreditPackage | null> {
  const { rows } = await client.query<{ p: PackageJson }>(
    `SELECT ${PACKAGE_JSON} AS p FROM credit_package p WHERE p."grantKey" = $1`,
    [grantKey],
  );
  return rows[0] ? packageFromJson(rows[0].p) : null;
}

export async function findHoldByReference(
  client: SqlClient,
  reference: string,
  options: { forUpdate?: boolean } = {},
): Promise<CreditHold | null> {
  const { rows } = await client.query<CreditHold>(
    `SELECT ${HOLD_COLUMNS} FROM credit_hold h WHERE h.reference = $1${options.forUpdate ? " FOR UPDATE" : ""}`,
    [reference],
  );
  return rows[0] ? holdFromRow(rows[0]) : null;
}

export interface Allocation {
  packageId: string;
  amount: number;
}

/** A hold's allocations with their packages (whatever their status), for settling or releasing it. */
export async function loadAllocations(
  client: SqlClient,
  holdId: string,
): Promise<{ allocations: Allocation[]; packages: Map<string, CreditPackage> }> {
  const { rows } = await client.query<{ amount: number; p: PackageJson }>(
    `SELECT a.amount, ${PACKAGE_JSON} AS p
       FROM credit_hold_allocation a JOIN credit_package p ON p.id = a."packageId"
      WHERE a."holdId" = $1 ORDER BY a."packageId"`,
    [holdId],
  );
  return {
    allocations: rows.map((r) => ({ packageId: r.p.id, amount: r.amount })),
    packages: new Map(rows.map((r) => [r.p.id, packageFromJson(r.p)])),
  };
}
