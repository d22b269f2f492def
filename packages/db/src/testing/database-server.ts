import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../migrate/apply.ts";

export interface TestDatabaseServer {
  /** A migrated database that per-file databases are cloned from. */
  templateUrl: string;
  stop(): Promise<void>;
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

async function withAdmin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A PostgreSQL server for a test run: `TEST_DATABASE_URL`'s server when set, otherwise an
 * embedded one in a temporary directory. Migrations are applied once, to a template database.
 */
export async function startTestDatabaseServer(testDatabaseUrl: string | undefined): Promise<TestDatabaseServer> {
  let serverUrl: string;
  let stopServer: () => Promise<void> = async () => {};
  if (testDatabaseUrl) {
    serverUrl = testDatabaseUrl;
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), "videofly-test-pg-"));
    // Loaded only here: a run against TEST_DATABASE_URL never touches the embedded binaries.
    const { startEmbeddedPostgres } = await import("../embedded-postgres.ts");
    const embedded = await startEmbeddedPostgres({ dataDir, persistent: false });
    serverUrl = embedded.url("postgres");
    // A non-persistent server removes its data directory when it stops.
    stopServer = () => embedded.stop();
  }
  const template = uniqueName("vf_template");
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE "${template}"`));
  const templateUrl = databaseUrl(serverUrl, template);
  await applyMigrations(templateUrl);
  return {
    templateUrl,
    async stop() {
      await dropDatabase(templateUrl).catch(() => {});
      await stopServer();
    },
  };
}

/** A fresh, migrated database cloned from the template (a file copy: milliseconds). */
export async function createDatabaseFromTemplate(templateUrl: string, prefix = "vf_test"): Promise<string> {
  const template = new URL(templateUrl).pathname.slice(1);
  const name = uniqueName(prefix);
  await withAdmin(templateUrl, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return databaseUrl(templateUrl, name);
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
