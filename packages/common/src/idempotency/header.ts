import { z } from "zod";

/**
 * The Idempotency-Key header: 1–255 printable ASCII characters. A UUID is the usual choice; the
 * limit keeps the unique index small, and printable ASCII is all a header value carries intact.
 */
export const idempotencyKeyHeader = z
  .string()
  .min(1, "Idempotency-Key must not be empty")
  .max(255, "Idempotency-Key must be at most 255 characters")
  .regex(/^[\x20-\x7E]*$/, "Idempotency-Key must be printable ASCII (0x20–0x7E)");
