export { type AccessStats, type AccessTop, accessStats, accessTop } from "./access-stats.ts";
export { type DayRange, MAX_RANGE_DAYS } from "./day-range.ts";
export { type ModelStat, modelStats, type TopSpender, topSpenders } from "./model-stats.ts";
export { type AdminUserRow, listUsersWithBalances } from "./overview.ts";
export * as adminSchemas from "./schemas.ts";
export { type AdminStats, type AdminVideoRow, adminStats, type DailyStat } from "./stats.ts";
