import { db, pool } from "@videofly/db";
import type { Page } from "../pagination.ts";
import type { CreditPackage, CreditSource, EntryType, PackageStatus } from "./model.ts";
import { historyCursor, type PackagePosition, packageCursor } from "./schemas.ts";
import { packageFromJson } from "./state.ts";

const DAY_MS = 86_400_000;
export const EXPIRING_SOON_DAYS = 7;

export interface Balance {
  available: number;
  frozen: number;
  debt: number;
  expiringSoon: {
    credits: number;
    withinDays: number;
    packages: { id: string; source: CreditSource; remainingCredits: number; expiresAt: Date }[];
  };
}

export async function getBalance(userId: string, now = new Date()): Promise<Balance> {
  const soon = new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY_MS);
  const { rows } = await pool().query<{
    available: number;
    frozen: number;
    debt: number;
    expiring: { id: string; source: CreditSource; remainingCredits: number; expiresAt: string }[] | null;
  }>(
    `SELECT
       COALESCE((SELECT sum("remainingCredits") FROM credit_package
                  WHERE "userId" = $1 AND status = 'ACTIVE' AND ("expiresAt" IS NULL OR "expiresAt" > $2)), 0)::int AS available,
       COALESCE((SELECT sum("frozenCredits") FROM credit_package WHERE "userId" = $1 AND status = 'ACTIVE'), 0)::int AS frozen,
       COALESCE((SELECT sum(outstanding) FROM credit_debt WHERE "userId" = $1), 0)::int AS debt,
       (SELECT json_agg(json_build_object('id', id, 'source', source, 'remainingCredits', "remainingCredits", 'expiresAt', "expiresAt")
                        ORDER BY "expiresAt", id)
          FROM credit_package
         WHERE "userId" = $1 AND status = 'ACTIVE' AND "remainingCredits" > 0 AND "expiresAt" > $2 AND "expiresAt" <= $3) AS expiring`,
    [userId, now, soon],
  );
  const r = rows[0] ?? { available: 0, frozen: 0, debt: 0, expiring: null };
  const packages = (r.expiring ?? []).map((p) => ({ ...p, expiresAt: new Date(p.expiresAt) }));
  return {
    available: r.available,
    frozen: r.frozen,
    debt: r.debt,
    expiringSoon: {
      credits: packages.reduce((sum, p) => sum + p.remainingCredits, 0),
      withinDays: EXPIRING_SOON_DAYS,
      packages,
    },
  };
}

// TIMESTAMP(3) columns hold UTC wall-clock times: this is their ISO-8601 form, as cursors carry it.
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const TIER = `CASE WHEN p.source IN ('SIGNUP_BONUS', 'PROMO', 'ADMIN_GRANT') THEN 0 ELSE 1 END`;

/**
 * The user's packages in spending order (soonest expiry first, never-expiring last, promotional
 * before paid, oldest first), ACTIVE ones by default; `cursor` is a position `packagesQuery` decoded.
 */
export async function listPackages(
  userId: string,
  options: { status?: PackageStatus; limit?: number; cursor?: PackagePosition } = {},
): Promise<Page<CreditPackage>> {
  const limit = options.limit ?? 20;
  const after = options.cursor;
  const sortKey = `(COALESCE(p."expiresAt", 'infinity'::timestamp), ${TIER}, p."createdAt", p.id)`;
  const { rows } = await pool().query<{ p: Parameters<typeof packageFromJson>[0]; k: PackagePosition }>(
    `SELECT json_build_object('id', p.id, 'userId', p."userId", 'source', p.source, 'grantKey', p."grantKey",
              'initialCredits', p."initialCredits", 'remainingCredits', p."remainingCredits", 'frozenCredits', p."frozenCredits",
              'expiresAt', p."expiresAt", 'status', p.status, 'createdAt', p."createdAt") AS p,
            json_build_array(to_char(p."expiresAt", ${ISO_UTC}), ${TIER}, to_char(p."createdAt", ${ISO_UTC}), p.id) AS k
       FROM credit_package p
      WHERE p."userId" = $1 AND p.status = $2::"CreditPackageStatus"
        AND (NOT $3::boolean
             OR ${sortKey} > (COALESCE($4::timestamp, 'infinity'::timestamp), $5::int, $6::timestamp, $7::text))
      ORDER BY ${sortKey}
      LIMIT $8`,
    [
      userId,
      options.status ?? "ACTIVE",
      after !== undefined,
      after?.[0] ?? null,
      after?.[1] ?? null,
      after?.[2] ?? null,
      after?.[3] ?? null,
      limit + 1,
    ],
  );
  const items = rows.slice(0, limit).map((r) => packageFromJson(r.p));
  const last = rows[limit - 1];
  return { items, nextCursor: rows.length > limit && last ? packageCursor.encode(last.k) : null };
}

export interface HistoryEntry {
  id: string;
  type: EntryType;
  amount: number;
  availableAfter: number;
  frozenAfter: number;
  debtAfter: number;
  packageId: string | null;
  holdId: string | null;
  reference: string | null;
  reason: string | null;
  createdAt: Date;
}

/** The user's ledger, newest first; `cursor` is a position `historyQuery` decoded. */
export async function creditHistory(
  userId: string,
  options: { type?: EntryType; limit?: number; cursor?: string } = {},
): Promise<Page<HistoryEntry>> {
  const limit = options.limit ?? 20;
  const before = options.cursor;
  const rows = await db().creditTransaction.findMany({
    where: {
      userId,
      ...(options.type ? { type: options.type } : {}),
      ...(before ? { seq: { lt: BigInt(before) } } : {}),
    },
    orderBy: { seq: "desc" },
    take: limit + 1,
    select: {
      id: true,
      seq: true,
      type: true,
      amount: true,
      availableAfter: true,
      frozenAfter: true,
      debtAfter: true,
      packageId: true,
      holdId: true,
      reference: true,
      reason: true,
      createdAt: true,
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ seq: _seq, ...entry }) => entry),
    nextCursor: rows.length > limit && last ? historyCursor.encode(last.seq.toString()) : null,
  };
}
