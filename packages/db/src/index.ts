export { createDb, type Db, db, disconnectDb, pingDb } from "./client.ts";
export { ConfigError, configAccessor, dbConfig, parseEnv } from "./config.ts";
export * from "./generated/prisma/client.ts";
