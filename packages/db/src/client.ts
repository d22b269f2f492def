import { PrismaPg } from "@prisma/adapter-pg";
import { dbConfig } from "./config.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;

export function createDb(url: string, poolMax = 10): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolMax }) });
}

// One client per process; kept on globalThis so Next.js dev reloads do not open a pool per reload.
const globalForDb = globalThis as unknown as { videoflyDb?: Db };

/** The process-wide client, created on first use from the parsed configuration. */
export function db(): Db {
  if (!globalForDb.videoflyDb) {
    const config = dbConfig();
    globalForDb.videoflyDb = createDb(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  }
  return globalForDb.videoflyDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.videoflyDb?.$disconnect();
  globalForDb.videoflyDb = undefined;
}

/** True when the database answers a trivial query within the timeout. */
export async function pingDb(timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db().$queryRaw`SELECT 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
