import { pool } from "@videofly/db";

/**
 * The CSP frame-ancestors of a video's embed player: anywhere ("*") unless its owner listed
 * domains, then those hosts on any port over http or https (`*.example.com` also covers
 * example.com itself, as the embed decision does). The decision refuses too: this makes the
 * browser refuse even a page that hides its Referer.
 */
export async function embedFrameAncestors(uuid: string): Promise<string[]> {
  const { rows } = await pool().query<{ embedDomains: string[] | null }>(
    `SELECT "embedDomains" FROM video WHERE uuid = $1 AND "deletedAt" IS NULL`,
    [uuid],
  );
  const domains = rows[0]?.embedDomains ?? [];
  if (domains.length === 0) return ["*"];
  return [...new Set(domains.flatMap((d) => (d.startsWith("*.") ? [d, d.slice(2)] : [d])))].flatMap((host) => [
    `http://${host}:*`,
    `https://${host}:*`,
  ]);
}
