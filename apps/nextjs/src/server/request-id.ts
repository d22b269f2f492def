import { randomBytes } from "node:crypto";

const ACCEPTED = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a caller's (or a proxy's) x-request-id when it is sane, so traces join up; else makes one. */
export function requestIdFor(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && ACCEPTED.test(incoming) ? incoming : `req_${randomBytes(12).toString("hex")}`;
}
