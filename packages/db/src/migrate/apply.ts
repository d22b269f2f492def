import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { migrationsDir } from "./paths.ts";

// The advisory lock key Prisma's schema engine takes, so this applier and `prisma migrate` exclude each other.
const PRISMA_ADVISORY_LOCK = 72707369;

export interface LocalMigration {
  name: string;
  script: string;
  checksum: string;
}

export interface ApplyResult {
  applied: string[];
  warnings: string[];
}

/** Code-unit order, as Prisma sorts migration names (localeCompare may order `_` differently). */
export function compareMigrationNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function readLocalMigrations(dir = migrationsDir()): Promise<LocalMigration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort(compareMigrationNames);
  const migrations: LocalMigration[] = [];
  for (const name of names) {
    const file = path.join(dir, name, "migration.sql");
    const script = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      // Skipping it would deploy without a migration someone meant to ship (Prisma refuses too).
      if (error.code === "ENOENT") throw new Error(`migration directory ${name} has no migration.sql (${file})`);
      throw error;
    });
    migrations.push({ name, script, checksum: createHash("sha256").update(script).digest("hex") });
  }
  return migrations;
}

/**
 * Applies pending migrations with plain `pg` and records them in Prisma's own
 * `_prisma_migrations` table (same columns, sha256 checksums), so Prisma's tools see them as applied.
 * Each migration runs as one implicit transaction (simple-query protocol): it applies whole or not at all.
 */
export async function applyMigrations(
  databaseUrl: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<ApplyResult> {
  const local = await readLocalMigrations(options.dir);
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: databaseUrl });
  // A connection lost between queries is emitted as 'error' and would crash the process; the
  // pending or next query rejects anyway, which is where it is reported.
  client.on("error", () => {});
  await client.connect();
  const result: ApplyResult = { applied: [], warnings: [] };
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum"            VARCHAR(64) NOT NULL,
      "finished_at"         TIMESTAMPTZ,
      "migration_name"      VARCHAR(255) NOT NULL,
      "logs"                TEXT,
      "rolled_back_at"      TIMESTAMPTZ,
      "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      logs: string | null;
    }>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const failed = rows.filter((r) => !r.finished_at && !r.rolled_back_at);
    if (failed.length) {
      const names = failed.map((r) => r.migration_name);
      throw new Error(
        [
          `migration(s) ${names.join(", ")} failed earlier and block further migrations:`,
          ...failed.map((r) => `  ${r.migration_name}: ${r.logs ?? "(no log)"}`),
          "Its script ran as one transaction, so (unless it commits explicitly) none of it is in the database.",
          "Fix its SQL, mark the failure rolled back (what `prisma migrate resolve --rolled-back` does), deploy again:",
          `  UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE finished_at IS NULL AND rolled_back_at IS NULL AND migration_name IN (${names.map((n) => `'${n.replaceAll("'", "''")}'`).join(", ")});`,
        ].join("\n"),
      );
    }
    const applied = new Map(
      rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r.checksum]),
    );
    for (const name of applied.keys()) {
      if (!local.some((m) => m.name === name)) result.warnings.push(`${name} is applied but missing locally`);
    }
    for (const m of local) {
      const checksum = applied.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) result.warnings.push(`${m.name} was modified after it was applied`);
        continue;
      }
      const id = randomUUID();
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
        [id, m.checksum, m.name],
      );
      try {
        await client.query(m.script);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
        throw new Error(`migration ${m.name} failed: ${message}`);
      }
      await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [
        id,
      ]);
      result.applied.push(m.name);
      log(`applied ${m.name}`);
    }
    for (const w of result.warnings) log(`warning: ${w}`);
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
}
