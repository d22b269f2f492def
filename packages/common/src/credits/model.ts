import { randomUUID } from "node:crypto";
import { AppError } from "../errors/index.ts";

export type CreditSource = "SIGNUP_BONUS" | "PURCHASE" | "SUBSCRIPTION" | "ADMIN_GRANT" | "PROMO";
export type PackageStatus = "ACTIVE" | "EXPIRED";
export type HoldStatus = "HELD" | "SETTLED" | "RELEASED";
export type EntryType = "GRANT" | "HOLD" | "SETTLE" | "RELEASE" | "EXPIRE" | "CLAWBACK" | "ADJUST";

export const CREDIT_SOURCES: readonly CreditSource[] = [
  "SIGNUP_BONUS",
  "PURCHASE",
  "SUBSCRIPTION",
  "ADMIN_GRANT",
  "PROMO",
];
export const ENTRY_TYPES = [
  "GRANT",
  "HOLD",
  "SETTLE",
  "RELEASE",
  "EXPIRE",
  "CLAWBACK",
  "ADJUST",
] as const satisfies readonly EntryType[];

export interface CreditPackage {
  id: string;
  userId: string;
  source: CreditSource;
  grantKey: string;
  initialCredits: number;
  remainingCredits: number;
  frozenCredits: number;
  expiresAt: Date | null;
  status: PackageStatus;
  createdAt: Date;
}

export interface CreditDebt {
  id: string;
  clawbackKey: string;
  amount: number;
  outstanding: number;
  createdAt: Date;
}

export interface CreditHold {
  id: string;
  userId: string;
  reference: string;
  amount: number;
  status: HoldStatus;
  expiresAt: Date;
  resolvedAt: Date | null;
  createdAt: Date;
}

export interface Totals {
  available: number;
  frozen: number;
  debt: number;
}

// Promotional credits are spent before paid ones of the same expiry.
const PROMOTIONAL: ReadonlySet<CreditSource> = new Set(["SIGNUP_BONUS", "PROMO", "ADMIN_GRANT"]);

/** Can credits of this package be held right now? */
export function isSpendable(p: CreditPackage, now: Date): boolean {
  return p.status === "ACTIVE" && (p.expiresAt === null || p.expiresAt > now);
}

/** Is the package due to expire: past its expiry, nothing frozen, still active? */
export function isDueToExpire(p: CreditPackage, now: Date): boolean {
  return p.status === "ACTIVE" && p.expiresAt !== null && p.expiresAt <= now && p.frozenCredits === 0;
}

/**
 * The order credits are spent in (docs/architecture.md §2): soonest expiry first, never-expiring last;
 * on a tie promotional before paid; then oldest first; the id makes it total.
 */
export function spendingOrder(a: CreditPackage, b: CreditPackage): number {
  const ea = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const eb = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ea !== eb) return ea < eb ? -1 : 1;
  const pa = PROMOTIONAL.has(a.source) ? 0 : 1;
  const pb = PROMOTIONAL.has(b.source) ? 0 : 1;
  if (pa !== pb) return pa - pb;
  const ca = a.createdAt.getTime();
  const cb = b.createdAt.getTime();
  if (ca !== cb) return ca - cb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface Draw {
  packageId: string;
  amount: number;
}

/**
 * Which packages `amount` credits come from, in spending order; null when the spendable balance
 * is short.
 */
export function planDraw(packages: Iterable<CreditPackage>, amount: number, now: Date): Draw[] | null {
  const spendable = [...packages].filter((p) => isSpendable(p, now) && p.remainingCredits > 0).sort(spendingOrder);
  const draws: Draw[] = [];
  let left = amount;
  for (const p of spendable) {
    if (left === 0) break;
    const take = Math.min(left, p.remainingCredits);
    draws.push({ packageId: p.id, amount: take });
    left -= take;
  }
  return left === 0 ? draws : null;
}

export function totalsOf(packages: Iterable<CreditPackage>, debts: Iterable<CreditDebt>, now: Date): Totals {
  let available = 0;
  let frozen = 0;
  let debt = 0;
  for (const p of packages) {
    if (isSpendable(p, now)) available += p.remainingCredits;
    if (p.status === "ACTIVE") frozen += p.frozenCredits;
  }
  for (const d of debts) debt += d.outstanding;
  return { available, frozen, debt };
}

/** Ids that say what they are (`pkg_…`, `hold_…`), like the database's own defaults. */
export function prefixedId(prefix: "pkg" | "hold" | "debt" | "txn"): string {
  return `${prefix}_${randomUUID().replaceAll("-", "")}`;
}

/** Service-level guard; the HTTP layer validates first, this keeps other callers honest. */
export function assertPositiveInt(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new AppError("VALIDATION_FAILED", {
      message: `${field} must be a positive integer.`,
      details: { fields: [{ field, code: "too_small", message: "must be a positive integer" }] },
    });
  }
}
