import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { dbConfig } from "./config.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;

export interface Database {
  /** The pg pool; Prisma runs on the same pool, so a process holds one set of connections. */
  pool: pg.Pool;
  prisma: PrismaClient;
  close(): Promise<void>;
}

export function createDatabase(url: string, poolMax = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  // An idle client that loses its server emits here; without a listener the process would crash.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closing: Promise<void> | undefined;
  return {
    pool,
    prisma,
    close() {
      closing ??= prisma.$disconnect().then(() => pool.end());
      return closing;
    },
  };
}

// One database per process; kept on globalThis so Next.js dev reloads do not open a pool per reload.
const globalForDb = globalThis as unknown as { videoflyDatabase?: Database };

function database(): Database {
  if (!globalForDb.videoflyDatabase) {
    const config = dbConfig();
    globalForDb.videoflyDatabase = createDatabase(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  }
  return globalForDb.videoflyDatabase;
}

/** The process-wide Prisma client, created on first use from the parsed configuration. */
export function db(): Db {
  return database().prisma;
}

/** The process-wide pg pool under `db()`, for services that write their own SQL. */
export function pool(): pg.Pool {
  return database().pool;
}

export async function disconnectDb(): Promise<void> {
  const current = globalForDb.videoflyDatabase;
  globalForDb.videoflyDatabase = undefined;
  await current?.close();
}

/** True when the database answers a trivial query within the timeout. */
export async function pingDb(timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      pool()
        .query("SELECT 1")
        .then(() => true),
      timeout,
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
