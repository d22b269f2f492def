// What the API-key pages receive from /api/v1/api-keys, /api/v1/admin/api-keys and /api/v1/usage:
// the API document's own types, through the SDK.
import type { components } from "@videofly/sdk";

export type ApiKey = components["schemas"]["ListedApiKey"];
/** The answer to a create: the only time the secret is seen. */
export type CreatedApiKey = components["schemas"]["CreatedApiKey"];
/** A key as the admin list shows it: with its owner and request count. */
export type AdminApiKey = components["schemas"]["AdminApiKeyPage"]["items"][number];
export type UsageGroup = components["schemas"]["UsageGroup"];

const DAY_MS = 86_400_000;

/** The last `days` UTC days, oldest first, as "YYYY-MM-DD" (the usage API groups by UTC day). */
export function lastDays(days: number, now = new Date()): string[] {
  return Array.from({ length: days }, (_, i) =>
    new Date(now.getTime() - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/** Requests per day for every one of `days`, zero where the API has no row (it skips empty days). */
export function requestsPerDay(groups: UsageGroup[], days: string[]): { day: string; value: number }[] {
  const byDay = new Map(groups.map((g) => [g.group, g.requests]));
  return days.map((day) => ({ day, value: byDay.get(day) ?? 0 }));
}

/** The `from` of a usage query covering `days` whole UTC days up to now. */
export function usageFrom(days: string[]): string {
  return `${days[0]}T00:00:00Z`;
}

/** "vf_live_AbCd…": the visible start of a key, never more. */
export const shownPrefix = (prefix: string | null) => (prefix ? `${prefix}…` : "…");
