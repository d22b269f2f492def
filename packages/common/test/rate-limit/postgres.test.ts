import { createDatabase, type Database } from "@videofly/db";
import { afterAll } from "vitest";
import { createPostgresRateLimitStore } from "../../src/rate-limit/index.ts";
import { describeRateLimitStore } from "./store-suite.ts";

// The file's own migrated database (setupFiles); each store gets its own pool, as an app instance would.
const url = process.env.DATABASE_URL as string;
const missing = Object.assign(new URL(url), { pathname: "/vf_rate_limit_missing" }).toString();
const databases: Database[] = [];
const poolOn = (target: string) => {
  const database = createDatabase(target, 20);
  databases.push(database);
  return database.pool;
};

afterAll(async () => {
  await Promise.all(databases.map((d) => d.close()));
});

describeRateLimitStore("postgres", () => ({
  open: () => createPostgresRateLimitStore(poolOn(url)),
  openBroken: () => createPostgresRateLimitStore(poolOn(missing)),
}));
