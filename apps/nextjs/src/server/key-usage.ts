import { keyUsageTotals } from "@videofly/common";

/** Keys as listed to their owner or an admin: each with the requests the usage audit holds for it. */
export async function withRequestCounts<K extends { id: string }>(keys: K[]): Promise<(K & { requests: number })[]> {
  const totals = await keyUsageTotals(keys.map((k) => k.id));
  return keys.map((key) => ({ ...key, requests: totals.get(key.id)?.requests ?? 0 }));
}
