export {
  type AdminStats,
  type AdminUserRow,
  type AdminVideoRow,
  adminStats,
  type DailyStat,
  listUsersWithBalances,
} from "./overview.ts";
export * as adminSchemas from "./schemas.ts";
