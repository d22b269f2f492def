export { createDatabase, type Database, type Db, db, disconnectDb, pingDb, pool } from "./client.ts";
export { ConfigError, configAccessor, dbConfig, parseEnv } from "./config.ts";
export * from "./generated/prisma/client.ts";
export { advisoryLock, LockNamespace, type SqlClient, SqlParams, type TransactionOptions, transaction } from "./sql.ts";
