import { type SqlClient, SqlParams } from "@videofly/db";
import {
  type CreditDebt,
  type CreditHold,
  type CreditPackage,
  type EntryType,
  isSpendable,
  type PackageStatus,
  prefixedId,
  type Totals,
  totalsOf,
} from "./model.ts";
import type { Allocation, UserState } from "./state.ts";

export interface EntryMeta {
  holdId?: string;
  reference?: string;
  reason?: string;
  actorId?: string;
}

interface LedgerRow extends EntryMeta {
  id: string;
  type: EntryType;
  amount: number;
  packageId?: string;
  after: Totals;
}

/** Thrown when a guarded write finds the rows changed under it; the transaction rolls back. */
export class ConcurrentModificationError extends Error {
  constructor(what: string) {
    super(`credit state changed concurrently (${what}); the transaction was rolled back`);
    this.name = "ConcurrentModificationError";
  }
}

/**
 * Everything one credit operation changes for one user, built in memory under the user's lock and
 * written by `commit()` as ONE SQL statement. Every package change writes its ledger entry, with the
 * user's available, frozen and debt totals after it, so the ledger explains every package's state.
 */
export class Changeset {
  private readonly original = new Map<string, CreditPackage>();
  private readonly packages = new Map<string, CreditPackage>();
  private readonly inserted = new Set<string>();
  private readonly debts = new Map<string, { before: number; debt: CreditDebt; inserted: boolean }>();
  private readonly entries: LedgerRow[] = [];
  private readonly holdInserts: { hold: CreditHold; allocations: Allocation[] }[] = [];
  private holdResolution: { id: string; status: "SETTLED" | "RELEASED" } | undefined;
  private totals: Totals;

  constructor(
    readonly userId: string,
    readonly now: Date,
    state: Pick<UserState, "packages" | "debts">,
  ) {
    for (const p of state.packages.values()) this.track(p);
    for (const d of state.debts) this.debts.set(d.id, { before: d.outstanding, debt: { ...d }, inserted: false });
    this.totals = totalsOf(state.packages.values(), state.debts, now);
  }

  /** Starts tracking a package read outside the user state (a hold's allocation in an expired package). */
  track(p: CreditPackage): void {
    if (this.packages.has(p.id)) return;
    this.original.set(p.id, p);
    this.packages.set(p.id, { ...p });
  }

  package(id: string): CreditPackage {
    const p = this.packages.get(id);
    if (!p) throw new Error(`package ${id} is not part of this change`);
    return p;
  }

  allPackages(): CreditPackage[] {
    return [...this.packages.values()];
  }

  outstandingDebts(): CreditDebt[] {
    return [...this.debts.values()].map((d) => d.debt).filter((d) => d.outstanding > 0);
  }

  currentTotals(): Totals {
    return { ...this.totals };
  }

  /** A new, empty package; credits arrive through `change(…, "GRANT" | "ADJUST", …)`. */
  createPackage(fields: Pick<CreditPackage, "source" | "grantKey" | "initialCredits" | "expiresAt">): CreditPackage {
    const p: CreditPackage = {
      id: prefixedId("pkg"),
      userId: this.userId,
      status: "ACTIVE",
      remainingCredits: 0,
      frozenCredits: 0,
      createdAt: this.now,
      ...fields,
    };
    this.packages.set(p.id, p);
    this.inserted.add(p.id);
    return p;
  }

  /**
   * Moves credits in or out of a package's remaining and frozen parts and writes the ledger entry.
   * The entry's amount is the change of `remaining`, or of `frozen` when remaining is untouched
   * (SETTLE). `debt` is the change of the user's outstanding debt that goes with it.
   */
  change(
    packageId: string,
    type: EntryType,
    delta: { remaining?: number; frozen?: number; debt?: number; status?: PackageStatus },
    meta: EntryMeta = {},
  ): void {
    const p = this.package(packageId);
    const dr = delta.remaining ?? 0;
    const df = delta.frozen ?? 0;
    const spendable = isSpendable(p, this.now);
    p.remainingCredits += dr;
    p.frozenCredits += df;
    if (p.remainingCredits < 0 || p.frozenCredits < 0) {
      throw new Error(`package ${p.id} would go negative (${type} ${dr}/${df})`);
    }
    if (delta.status) p.status = delta.status;
    this.totals = {
      available: this.totals.available + (spendable ? dr : 0),
      frozen: this.totals.frozen + df,
      debt: this.totals.debt + (delta.debt ?? 0),
    };
    this.record(type, dr !== 0 ? dr : df, meta, packageId);
  }

  /** Takes a package out of circulation: what remains leaves through an EXPIRE entry. */
  expire(packageId: string, meta: EntryMeta = {}): number {
    const p = this.package(packageId);
    const credits = p.remainingCredits;
    this.change(packageId, "EXPIRE", { remaining: -credits, status: "EXPIRED" }, meta);
    return credits;
  }

  /** Records a debt (what a clawback could not take back), with a zero-amount CLAWBACK entry. */
  createDebt(clawbackKey: string, amount: number, meta: EntryMeta): CreditDebt {
    const debt: CreditDebt = { id: prefixedId("debt"), clawbackKey, amount, outstanding: amount, createdAt: this.now };
    this.debts.set(debt.id, { before: 0, debt, inserted: true });
    this.totals = { ...this.totals, debt: this.totals.debt + amount };
    this.record("CLAWBACK", 0, meta);
    return debt;
  }

  /** Pays `amount` of a debt out of a package (a late clawback). */
  payDebt(debtId: string, packageId: string, amount: number): void {
    const entry = this.debts.get(debtId);
    if (!entry || entry.debt.outstanding < amount) throw new Error(`debt ${debtId} cannot take ${amount}`);
    entry.debt.outstanding -= amount;
    this.change(
      packageId,
      "CLAWBACK",
      { remaining: -amount, debt: -amount },
      { reference: debtId, reason: "debt payment" },
    );
  }

  /** A new hold with the allocations it drew; one change may insert many (a batch's). */
  insertHold(hold: CreditHold, allocations: Allocation[]): void {
    this.holdInserts.push({ hold, allocations });
  }

  resolveHold(id: string, status: "SETTLED" | "RELEASED"): void {
    this.holdResolution = { id, status };
  }

  private record(type: EntryType, amount: number, meta: EntryMeta, packageId?: string): void {
    this.entries.push({ id: prefixedId("txn"), type, amount, packageId, after: { ...this.totals }, ...meta });
  }

  /** Writes the whole change as one statement; guarded so it fails if the rows changed under it. */
  async commit(client: SqlClient): Promise<void> {
    const p = new SqlParams();
    const ctes: string[] = [];
    const now = p.add(this.now, "timestamptz");

    const fresh = [...this.inserted].map((id) => this.package(id));
    if (fresh.length) {
      ctes.push(`pkg_new AS (
        INSERT INTO credit_package (id, "userId", source, "grantKey", "initialCredits", "remainingCredits", "frozenCredits", "expiresAt", status, "createdAt", "updatedAt")
        SELECT x.id, ${p.add(this.userId)}, x.source::"CreditSource", x.grant_key, x.initial, x.remaining, x.frozen, x.expires_at, x.status::"CreditPackageStatus", ${now}, ${now}
          FROM unnest(${p.add(
            fresh.map((x) => x.id),
            "text[]",
          )}, ${p.add(
            fresh.map((x) => x.source),
            "text[]",
          )},
                      ${p.add(
                        fresh.map((x) => x.grantKey),
                        "text[]",
                      )}, ${p.add(
                        fresh.map((x) => x.initialCredits),
                        "int[]",
                      )},
                      ${p.add(
                        fresh.map((x) => x.remainingCredits),
                        "int[]",
                      )}, ${p.add(
                        fresh.map((x) => x.frozenCredits),
                        "int[]",
                      )},
                      ${p.add(
                        fresh.map((x) => x.expiresAt),
                        "timestamptz[]",
                      )}, ${p.add(
                        fresh.map((x) => x.status),
                        "text[]",
                      )})
            AS x(id, source, grant_key, initial, remaining, frozen, expires_at, status))`);
    }

    const changed = [...this.original.values()].filter((o) => {
      const c = this.package(o.id);
      return c.remainingCredits !== o.remainingCredits || c.frozenCredits !== o.frozenCredits || c.status !== o.status;
    });
    if (changed.length) {
      const cur = changed.map((o) => this.package(o.id));
      // Compare-and-set: the update applies only to rows still as they were read.
      ctes.push(`pkg_upd AS (
        UPDATE credit_package t SET "remainingCredits" = x.remaining, "frozenCredits" = x.frozen,
               status = x.status::"CreditPackageStatus", "updatedAt" = ${now}
          FROM unnest(${p.add(
            changed.map((o) => o.id),
            "text[]",
          )}, ${p.add(
            changed.map((o) => o.remainingCredits),
            "int[]",
          )}, ${p.add(
            changed.map((o) => o.frozenCredits),
            "int[]",
          )}, ${p.add(
            changed.map((o) => o.status),
            "text[]",
          )},
                      ${p.add(
                        cur.map((c) => c.remainingCredits),
                        "int[]",
                      )}, ${p.add(
                        cur.map((c) => c.frozenCredits),
                        "int[]",
                      )}, ${p.add(
                        cur.map((c) => c.status),
                        "text[]",
                      )})
            AS x(id, old_remaining, old_frozen, old_status, remaining, frozen, status)
         WHERE t.id = x.id AND t."remainingCredits" = x.old_remaining AND t."frozenCredits" = x.old_frozen
           AND t.status = x.old_status::"CreditPackageStatus"
        RETURNING t.id)`);
    }

    if (this.holdInserts.length) {
      const holds = this.holdInserts.map((h) => h.hold);
      const allocations = this.holdInserts.flatMap(({ hold, allocations }) =>
        allocations.map((a) => ({ holdId: hold.id, ...a })),
      );
      ctes.push(`hold_new AS (
        INSERT INTO credit_hold (id, "userId", reference, amount, status, "expiresAt", "createdAt")
        SELECT x.id, ${p.add(this.userId)}, x.reference, x.amount, 'HELD', x.expires_at, ${now}
          FROM unnest(${p.add(
            holds.map((h) => h.id),
            "text[]",
          )}, ${p.add(
            holds.map((h) => h.reference),
            "text[]",
          )}, ${p.add(
            holds.map((h) => h.amount),
            "int[]",
          )}, ${p.add(
            holds.map((h) => h.expiresAt),
            "timestamptz[]",
          )}) AS x(id, reference, amount, expires_at))`);
      ctes.push(`alloc_new AS (
        INSERT INTO credit_hold_allocation ("holdId", "packageId", amount)
        SELECT x.hold_id, x.package_id, x.amount
          FROM unnest(${p.add(
            allocations.map((a) => a.holdId),
            "text[]",
          )}, ${p.add(
            allocations.map((a) => a.packageId),
            "text[]",
          )}, ${p.add(
            allocations.map((a) => a.amount),
            "int[]",
          )}) AS x(hold_id, package_id, amount))`);
    }

    if (this.holdResolution) {
      ctes.push(`hold_upd AS (
        UPDATE credit_hold SET status = ${p.add(this.holdResolution.status)}::"CreditHoldStatus", "resolvedAt" = ${now}
         WHERE id = ${p.add(this.holdResolution.id)} AND status = 'HELD' RETURNING id)`);
    }

    const debtRows = [...this.debts.values()];
    const newDebts = debtRows.filter((d) => d.inserted);
    const paidDebts = debtRows.filter((d) => !d.inserted && d.debt.outstanding !== d.before);
    if (newDebts.length) {
      ctes.push(`debt_new AS (
        INSERT INTO credit_debt (id, "userId", "clawbackKey", amount, outstanding, "createdAt", "paidAt")
        SELECT x.id, ${p.add(this.userId)}, x.key, x.amount, x.outstanding, ${now}, CASE WHEN x.outstanding = 0 THEN ${now} END
          FROM unnest(${p.add(
            newDebts.map((d) => d.debt.id),
            "text[]",
          )}, ${p.add(
            newDebts.map((d) => d.debt.clawbackKey),
            "text[]",
          )},
                      ${p.add(
                        newDebts.map((d) => d.debt.amount),
                        "int[]",
                      )}, ${p.add(
                        newDebts.map((d) => d.debt.outstanding),
                        "int[]",
                      )})
            AS x(id, key, amount, outstanding))`);
    }
    if (paidDebts.length) {
      ctes.push(`debt_upd AS (
        UPDATE credit_debt t SET outstanding = x.outstanding, "paidAt" = CASE WHEN x.outstanding = 0 THEN ${now} END
          FROM unnest(${p.add(
            paidDebts.map((d) => d.debt.id),
            "text[]",
          )}, ${p.add(
            paidDebts.map((d) => d.before),
            "int[]",
          )},
                      ${p.add(
                        paidDebts.map((d) => d.debt.outstanding),
                        "int[]",
                      )}) AS x(id, before, outstanding)
         WHERE t.id = x.id AND t.outstanding = x.before
        RETURNING t.id)`);
    }

    const e = this.entries;
    if (e.length) {
      const text = (f: (r: LedgerRow) => string | undefined) =>
        p.add(
          e.map((r) => f(r) ?? null),
          "text[]",
        );
      const int = (f: (r: LedgerRow) => number) => p.add(e.map(f), "int[]");
      ctes.push(`ledger AS (
        INSERT INTO credit_transaction (id, "userId", type, amount, "availableAfter", "frozenAfter", "debtAfter",
                                        "packageId", "holdId", reference, reason, "actorId", "createdAt")
        SELECT x.id, ${p.add(this.userId)}, x.type::"CreditTransactionType", x.amount, x.available, x.frozen, x.debt,
               x.package_id, x.hold_id, x.reference, x.reason, x.actor_id, ${now}
          FROM unnest(${text((r) => r.id)}, ${text((r) => r.type)}, ${int((r) => r.amount)}, ${int((r) => r.after.available)},
                      ${int((r) => r.after.frozen)}, ${int((r) => r.after.debt)}, ${text((r) => r.packageId)},
                      ${text((r) => r.holdId)}, ${text((r) => r.reference)}, ${text((r) => r.reason)}, ${text((r) => r.actorId)})
               WITH ORDINALITY AS x(id, type, amount, available, frozen, debt, package_id, hold_id, reference, reason, actor_id, n)
         ORDER BY x.n)`);
    }
    if (!ctes.length) return;

    const counts = [
      changed.length ? "(SELECT count(*) FROM pkg_upd)::int AS packages" : "0 AS packages",
      this.holdResolution ? "(SELECT count(*) FROM hold_upd)::int AS holds" : "0 AS holds",
      paidDebts.length ? "(SELECT count(*) FROM debt_upd)::int AS debts" : "0 AS debts",
    ];
    const { rows } = await client.query<{ packages: number; holds: number; debts: number }>(
      `WITH ${ctes.join(",\n")} SELECT ${counts.join(", ")}`,
      p.values,
    );
    const r = rows[0];
    if (r?.packages !== changed.length) throw new ConcurrentModificationError("credit_package");
    if (r.holds !== (this.holdResolution ? 1 : 0)) throw new ConcurrentModificationError("credit_hold");
    if (r.debts !== paidDebts.length) throw new ConcurrentModificationError("credit_debt");
  }
}
