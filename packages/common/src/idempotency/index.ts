export { claimIdempotencyKey, type IdempotencyClaimInput } from "./claim.ts";
export { requestFingerprint } from "./fingerprint.ts";
export { completeIdempotencyKey, releaseIdempotencyKey } from "./finish.ts";
export { idempotencyKeyHeader } from "./header.ts";
export {
  IDEMPOTENCY_KEY_TTL_HOURS,
  IDEMPOTENCY_LEASE_SECONDS,
  type IdempotencyClaim,
  type StoredResponse,
} from "./model.ts";
export { pruneIdempotencyKeys } from "./prune.ts";
