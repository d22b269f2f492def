import { createHmac, timingSafeEqual } from "node:crypto";

/** Creem's `creem-signature`: lowercase hex HMAC-SHA256 of the raw body, keyed with the webhook secret. */
export function creemSignature(rawBody: string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("hex");
}

/** Constant-time check of a delivery's signature against the body as received. */
export function verifyCreemSignature(rawBody: string, signature: string | null, secret: string): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature.trim())) return false;
  const expected = Buffer.from(creemSignature(rawBody, secret), "hex");
  const given = Buffer.from(signature.trim().toLowerCase(), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
