export { ConcurrentModificationError } from "./changeset.ts";
export {
  CREDIT_SOURCES,
  type CreditHold,
  type CreditPackage,
  type CreditSource,
  ENTRY_TYPES,
  type EntryType,
  type HoldStatus,
  type PackageStatus,
  planDraw,
  spendingOrder,
} from "./model.ts";
export { type AdjustInput, type AdjustResult, adjustCredits } from "./operations/adjust.ts";
export {
  type ClawbackInput,
  type ClawbackResult,
  type ClawbackShare,
  clawbackCredits,
  clawbackCreditsInTransaction,
} from "./operations/clawback.ts";
export { type CloseCreditsResult, closeCreditsInTransaction } from "./operations/close.ts";
export {
  type ExpireResult,
  expireCredits,
  type ReleaseStaleOptions,
  type ReleaseStaleResult,
  releaseStaleHolds,
} from "./operations/expire.ts";
export { type GrantInput, type GrantResult, grantCredits, grantCreditsInTransaction } from "./operations/grant.ts";
export {
  type HoldInput,
  type HoldManyInput,
  type HoldResult,
  holdCredits,
  holdCreditsInTransaction,
  holdManyCreditsInTransaction,
} from "./operations/hold.ts";
export {
  type ClawbackOrDeferResult,
  clawbackOrDeferInTransaction,
  type DeferrableClawbackInput,
} from "./operations/pending-clawback.ts";
export {
  type ResolveHoldResult,
  releaseHold,
  resolveHoldInTransaction,
  settleHold,
} from "./operations/resolve-hold.ts";
export { type Balance, creditHistory, getBalance, type HistoryEntry, listPackages } from "./queries.ts";
export { type ReconcileProblem, reconcileCredits } from "./reconcile.ts";
export * as creditSchemas from "./schemas.ts";
export { grantSignupBonus } from "./signup-bonus.ts";
