/** One answered /api/v1 request made with an API key, as the route wrapper reports it. */
export interface ApiRequestEntry {
  keyId: string;
  userId: string;
  method: string;
  /** The route pattern ("POST /video/generate"), never the raw path with its ids. */
  route: string;
  status: number;
  durationMs: number;
  creditsHeld: number;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** When the request arrived; defaults to when it is recorded. */
  at?: Date;
}

/** An entry cleaned up so that the row cannot break the batch it is written in. */
export type ApiRequestRow = Required<ApiRequestEntry>;

export const USER_AGENT_MAX = 512;
// Bounds for the fields the caller takes from the request (headers), so a crafted one stays small.
const IP_MAX = 64;
const TEXT_MAX = 256;

const clip = (value: string, max: number) => (value.length > max ? value.slice(0, max) : value);

/** At most `max` characters (code points, as PostgreSQL's VARCHAR counts them). */
function clipChars(value: string, max: number): string {
  if (value.length <= max) return value;
  return Array.from(value.slice(0, max * 2))
    .slice(0, max)
    .join("");
}

const count = (n: number) => (Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), 2_147_483_647) : 0);

/**
 * The row for an entry, or null for one no row can hold (no key or user, a status that is not an
 * HTTP status): a single bad row would otherwise fail the whole multi-row insert.
 */
export function toRow(entry: ApiRequestEntry, now: Date): ApiRequestRow | null {
  if (typeof entry.keyId !== "string" || !entry.keyId || typeof entry.userId !== "string" || !entry.userId) {
    return null;
  }
  if (!Number.isInteger(entry.status) || entry.status < 100 || entry.status > 599) return null;
  const at = entry.at instanceof Date && !Number.isNaN(entry.at.getTime()) ? entry.at : now;
  return {
    keyId: clip(entry.keyId, TEXT_MAX),
    userId: clip(entry.userId, TEXT_MAX),
    method: clip(String(entry.method), 16),
    route: clip(String(entry.route), TEXT_MAX),
    status: entry.status,
    durationMs: count(entry.durationMs),
    creditsHeld: count(entry.creditsHeld),
    requestId: clip(String(entry.requestId), TEXT_MAX),
    ip: typeof entry.ip === "string" ? clip(entry.ip, IP_MAX) : null,
    userAgent: typeof entry.userAgent === "string" ? clipChars(entry.userAgent, USER_AGENT_MAX) : null,
    at,
  };
}
