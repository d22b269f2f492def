// What the admin dashboard receives from /api/v1/admin/stats and /api/v1/admin/video-access/*:
// the API document's own types, through the SDK.
import type { components } from "@videofly/sdk";

export type AdminStats = components["schemas"]["AdminStats"];
export type AdminVideo = components["schemas"]["AdminVideo"];
export type ModelStat = components["schemas"]["AdminModelStat"];
export type TopSpender = components["schemas"]["AdminTopSpender"];
export type AccessStats = components["schemas"]["AdminAccessStats"];
export type AccessTop = components["schemas"]["AdminAccessTop"];
export type AccessAction = AccessTop["action"];

export const ACCESS_ACTIONS: AccessAction[] = ["play", "embed", "download"];

/** The UTC day `n` days before today (0: today), YYYY-MM-DD. */
export const utcDayAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A share as a percentage with one decimal, or a dash when there is nothing to divide. */
export const percent = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)}%`);

/** Seconds as `1 m 05 s`, or a dash. */
export function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} m ${String(s % 60).padStart(2, "0")} s`;
}
