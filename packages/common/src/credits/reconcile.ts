import { pool } from "@videofly/db";

export interface ReconcileProblem {
  userId: string;
  /** Which identity failed. */
  check:
    | "ledger_vs_packages"
    | "frozen_vs_holds"
    | "package_entries"
    | "hold_allocations"
    | "debt_payments"
    | "latest_entry"
    | "pending_clawback";
  /** The package, hold or debt concerned, when the check is about one. */
  subject?: string;
  expected: number | string;
  actual: number | string;
}

/**
 * Proves the credit books balance (docs/architecture.md §2) and returns every disagreement; empty means
 * healthy. Checked per user:
 * - sum(grants) + sum(adjustments) - sum(settled) - sum(expired) - sum(clawed back)
 *     = sum(remaining) + sum(frozen) - outstanding debt,
 *   where "clawed back" counts what a clawback took plus what it still owes (outstanding debt);
 * - sum(frozen) = sum of HELD holds, and each hold's allocations add up to its amount;
 * - every package's own entries add up to its remaining and frozen credits;
 * - every debt's outstanding amount is its amount less the payments recorded against it;
 * - the newest ledger entry's frozen and debt totals are the user's current ones;
 * - no clawback is still waiting for a grant that exists (the grant applies it when it is created).
 */
export async function reconcileCredits(): Promise<ReconcileProblem[]> {
  const problems: ReconcileProblem[] = [];
  const q = <T extends Record<string, unknown>>(sql: string) =>
    pool()
      .query<T>(sql)
      .then((r) => r.rows);

  const ledger = await q<{ userId: string; expected: number; actual: number }>(`
    WITH l AS (
      SELECT "userId",
             sum(amount) FILTER (WHERE type IN ('GRANT', 'ADJUST')) AS granted,
             -sum(amount) FILTER (WHERE type = 'SETTLE') AS settled,
             -sum(amount) FILTER (WHERE type = 'EXPIRE') AS expired,
             -sum(amount) FILTER (WHERE type = 'CLAWBACK') AS taken
        FROM credit_transaction GROUP BY "userId"),
    p AS (SELECT "userId", sum("remainingCredits" + "frozenCredits") AS held FROM credit_package GROUP BY "userId"),
    d AS (SELECT "userId", sum(outstanding) AS debt FROM credit_debt GROUP BY "userId"),
    u AS (SELECT "userId" FROM l UNION SELECT "userId" FROM p UNION SELECT "userId" FROM d)
    SELECT u."userId",
           (COALESCE(granted, 0) - COALESCE(settled, 0) - COALESCE(expired, 0) - (COALESCE(taken, 0) + COALESCE(debt, 0)))::int AS expected,
           (COALESCE(held, 0) - COALESCE(debt, 0))::int AS actual
      FROM u LEFT JOIN l USING ("userId") LEFT JOIN p USING ("userId") LEFT JOIN d USING ("userId")`);
  for (const r of ledger) {
    if (r.expected !== r.actual)
      problems.push({ userId: r.userId, check: "ledger_vs_packages", expected: r.expected, actual: r.actual });
  }

  const frozen = await q<{ userId: string; expected: number; actual: number }>(`
    WITH f AS (SELECT "userId", sum("frozenCredits") AS frozen FROM credit_package GROUP BY "userId"),
         h AS (SELECT "userId", sum(amount) AS held FROM credit_hold WHERE status = 'HELD' GROUP BY "userId")
    SELECT "userId", COALESCE(held, 0)::int AS expected, COALESCE(frozen, 0)::int AS actual
      FROM f FULL JOIN h USING ("userId")
     WHERE COALESCE(held, 0) <> COALESCE(frozen, 0)`);
  for (const r of frozen) problems.push({ ...r, check: "frozen_vs_holds" });

  const allocations = await q<{ userId: string; subject: string; expected: number; actual: number }>(`
    SELECT h."userId", h.id AS subject, h.amount AS expected, COALESCE(sum(a.amount), 0)::int AS actual
      FROM credit_hold h LEFT JOIN credit_hold_allocation a ON a."holdId" = h.id
     GROUP BY h.id HAVING h.amount <> COALESCE(sum(a.amount), 0)`);
  for (const r of allocations) problems.push({ ...r, check: "hold_allocations" });

  const packages = await q<{ userId: string; subject: string; expected: string; actual: string }>(`
    WITH e AS (
      SELECT "packageId",
             sum(amount) FILTER (WHERE type IN ('GRANT', 'ADJUST', 'HOLD', 'RELEASE', 'EXPIRE', 'CLAWBACK')) AS remaining,
             sum(CASE type WHEN 'HOLD' THEN -amount WHEN 'RELEASE' THEN -amount WHEN 'SETTLE' THEN amount END) AS frozen
        FROM credit_transaction WHERE "packageId" IS NOT NULL GROUP BY "packageId")
    SELECT p."userId", p.id AS subject,
           COALESCE(e.remaining, 0) || '/' || COALESCE(e.frozen, 0) AS expected,
           p."remainingCredits" || '/' || p."frozenCredits" AS actual
      FROM credit_package p LEFT JOIN e ON e."packageId" = p.id
     WHERE COALESCE(e.remaining, 0) <> p."remainingCredits" OR COALESCE(e.frozen, 0) <> p."frozenCredits"`);
  for (const r of packages) problems.push({ ...r, check: "package_entries" });

  const debts = await q<{ userId: string; subject: string; expected: number; actual: number }>(`
    SELECT d."userId", d.id AS subject, (d.amount + COALESCE(sum(t.amount), 0))::int AS expected, d.outstanding AS actual
      FROM credit_debt d LEFT JOIN credit_transaction t ON t.reference = d.id AND t.type = 'CLAWBACK'
     GROUP BY d.id HAVING d.amount + COALESCE(sum(t.amount), 0) <> d.outstanding`);
  for (const r of debts) problems.push({ ...r, check: "debt_payments" });

  const latest = await q<{ userId: string; expected: string; actual: string }>(`
    WITH last AS (
      SELECT DISTINCT ON ("userId") "userId", "frozenAfter", "debtAfter" FROM credit_transaction ORDER BY "userId", seq DESC),
    f AS (SELECT "userId", sum("frozenCredits") AS frozen FROM credit_package WHERE status = 'ACTIVE' GROUP BY "userId"),
    d AS (SELECT "userId", sum(outstanding) AS debt FROM credit_debt GROUP BY "userId")
    SELECT last."userId", last."frozenAfter" || '/' || last."debtAfter" AS expected,
           COALESCE(f.frozen, 0) || '/' || COALESCE(d.debt, 0) AS actual
      FROM last LEFT JOIN f USING ("userId") LEFT JOIN d USING ("userId")
     WHERE last."frozenAfter" <> COALESCE(f.frozen, 0) OR last."debtAfter" <> COALESCE(d.debt, 0)`);
  for (const r of latest) problems.push({ ...r, check: "latest_entry" });

  const waiting = await q<{ userId: string; subject: string }>(`
    SELECT p."userId", c."clawbackKey" AS subject
      FROM pending_clawback c JOIN credit_package p ON p."grantKey" = c."grantKey"
     WHERE c."appliedAt" IS NULL`);
  for (const r of waiting) problems.push({ ...r, check: "pending_clawback", expected: "applied", actual: "waiting" });

  return problems;
}
