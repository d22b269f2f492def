import { randomUUID } from "node:crypto";
import { requestFingerprint } from "../../src/idempotency/index.ts";

export const NOW = new Date("2026-06-01T12:00:00Z");
export const SECOND = 1000;
export const HOUR = 3_600_000;
export const later = (ms: number, from = NOW) => new Date(from.getTime() + ms);

/** A claim input of its own (a fresh key) for one test, with `body` fingerprinted as a POST. */
export function request(body = `{"prompt":"a cat"}`, overrides: { scope?: string; route?: string; key?: string } = {}) {
  return {
    scope: overrides.scope ?? "user:usr_1",
    route: overrides.route ?? "POST /video/generate",
    key: overrides.key ?? randomUUID(),
    requestHash: requestFingerprint({ method: "POST", route: overrides.route ?? "/video/generate", body }),
  };
}

export function kinds(claims: { kind: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of claims) counts[c.kind] = (counts[c.kind] ?? 0) + 1;
  return counts;
}
