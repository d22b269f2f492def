export { type DailyUsage, dailyUsage, dailyUsageStatement, type UsageDay, type UsageFigures } from "./daily.ts";
export * as dailyUsageSchemas from "./daily-schemas.ts";
export type { ApiRequestEntry } from "./entry.ts";
export { pruneApiUsage } from "./prune.ts";
export {
  type ApiRequestView,
  keyUsageTotals,
  listApiRequests,
  type UsageGroup,
  type UsageGroupBy,
  usageSummary,
  withRequestCounts,
} from "./queries.ts";
export { flushApiUsage, recordApiRequest } from "./recorder.ts";
export type { ApiRequestPosition } from "./schemas.ts";
export * as usageSchemas from "./schemas.ts";
