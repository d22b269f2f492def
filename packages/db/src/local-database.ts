import net from "node:net";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "./migrate/apply.ts";
import { repoRoot } from "./migrate/paths.ts";

export interface LocalDatabase {
  url: string;
  /** True when the database is the embedded one started here. */
  embedded: boolean;
  stop(): Promise<void>;
}

const DEFAULT_PORT = 54329;
const DATABASE = "videofly";

/**
 * The database `pnpm dev` runs against: `databaseUrl` when given, otherwise an embedded
 * PostgreSQL whose data stays under `.data/pg` at the repository root. Migrations are applied
 * either way, so a fresh clone starts with the current schema.
 */
export async function ensureLocalDatabase(
  databaseUrl: string | undefined,
  log: (line: string) => void = () => {},
): Promise<LocalDatabase> {
  if (databaseUrl) {
    await applyMigrations(databaseUrl, { log });
    return { url: databaseUrl, embedded: false, stop: async () => {} };
  }
  const { startEmbeddedPostgres, findFreePort } = await import("./embedded-postgres.ts");
  // A stable port when it is free, so a DATABASE_URL printed once keeps working across restarts.
  const port = (await isPortFree(DEFAULT_PORT)) ? DEFAULT_PORT : await findFreePort();
  const server = await startEmbeddedPostgres({ dataDir: path.join(repoRoot(), ".data/pg"), port, persistent: true });
  try {
    await createDatabaseIfMissing(server.url("postgres"), DATABASE);
    const url = server.url(DATABASE);
    await applyMigrations(url, { log });
    log(`embedded PostgreSQL on 127.0.0.1:${server.port} (data in .data/pg)`);
    return { url, embedded: true, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
