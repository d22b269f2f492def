// Migration tooling against a real PostgreSQL: TEST_DATABASE_URL's server when set, otherwise an
// embedded one started here. Every test works in its own throwaway database.
import { createHash, randomBytes } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedPostgresServer, startEmbeddedPostgres } from "../src/embedded-postgres.ts";
import { applyMigrations, readLocalMigrations } from "../src/migrate/apply.ts";
import { migrationsDir, schemaPath } from "../src/migrate/paths.ts";
import { checkSchemaMatchesMigrations, createMigration, status } from "../src/migrate/schema-engine.ts";

let serverUrl: string;
let embedded: EmbeddedPostgresServer | undefined;
const scratch: string[] = [];
const databases: string[] = [];

function urlFor(database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(): Promise<string> {
  const name = `vf_migrate_test_${randomBytes(6).toString("hex")}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  databases.push(name);
  return urlFor(name);
}

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "vf-migrate-test-"));
  scratch.push(dir);
  return dir;
}

/** A copy of the repository's migrations that a test may change. */
async function copyOfMigrations(): Promise<string> {
  const dir = path.join(await scratchDir(), "migrations");
  await cp(migrationsDir(), dir, { recursive: true });
  return dir;
}

async function shadowDatabasesStillPresent(names: string[]): Promise<string[]> {
  const { rows } = await withClient(serverUrl, (c) =>
    c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname = ANY($1)", [names]),
  );
  return rows.map((r) => r.datname);
}

function shadowNames(log: string[]): string[] {
  return log.flatMap((line) => /^created shadow database (\S+)$/.exec(line)?.[1] ?? []);
}

beforeAll(async () => {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured) {
    serverUrl = configured;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: await scratchDir(), persistent: false });
    serverUrl = embedded.url("postgres");
  }
}, 60_000);

afterAll(async () => {
  if (databases.length) {
    await withClient(serverUrl, async (c) => {
      for (const name of databases) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  }
  await embedded?.stop();
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
}, 60_000);

describe("applyMigrations (plain pg)", () => {
  it("applies the real migrations to an empty database, records them, and applies nothing the second time", async () => {
    const url = await createDatabase();
    const local = await readLocalMigrations();
    expect(local.length).toBeGreaterThan(0);

    const first = await applyMigrations(url);
    expect(first).toEqual({ applied: local.map((m) => m.name), warnings: [] });

    const rows = await withClient(
      url,
      async (c) =>
        (
          await c.query<{ migration_name: string; checksum: string; done: boolean; applied_steps_count: number }>(
            `SELECT migration_name, checksum, finished_at IS NOT NULL AND rolled_back_at IS NULL AS done, applied_steps_count
           FROM "_prisma_migrations" ORDER BY migration_name`,
          )
        ).rows,
    );
    expect(rows).toEqual(
      local.map((m) => ({
        migration_name: m.name,
        checksum: createHash("sha256").update(m.script).digest("hex"),
        done: true,
        applied_steps_count: 1,
      })),
    );

    expect(await applyMigrations(url)).toEqual({ applied: [], warnings: [] });
  });

  it("leaves the CHECK constraints and the append-only ledger trigger in place", async () => {
    const url = await createDatabase();
    await applyMigrations(url);
    await withClient(url, async (c) => {
      const checks = await c.query<{ conname: string }>(
        `SELECT conname FROM pg_constraint WHERE contype = 'c' AND conrelid = 'credit_package'::regclass ORDER BY conname`,
      );
      expect(checks.rows.map((r) => r.conname)).toEqual([
        "credit_package_frozen_nonnegative",
        "credit_package_initial_positive",
        "credit_package_remaining_nonnegative",
        "credit_package_within_initial",
      ]);

      await c.query(`INSERT INTO "user" (id, name, email, "updatedAt") VALUES ('u1', 'U', 'u1@example.com', now())`);
      await expect(
        c.query(
          `INSERT INTO credit_package ("userId", source, "grantKey", "initialCredits", "remainingCredits", "updatedAt")
           VALUES ('u1', 'PROMO', 'g-bad', 10, 11, now())`,
        ),
      ).rejects.toMatchObject({ code: "23514", constraint: "credit_package_within_initial" });

      await c.query(
        `INSERT INTO credit_transaction ("userId", type, amount, "availableAfter", "frozenAfter") VALUES ('u1', 'GRANT', 5, 5, 0)`,
      );
      await expect(c.query(`UPDATE credit_transaction SET amount = 6`)).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM credit_transaction`)).rejects.toThrow(/append-only/);
      await expect(c.query(`TRUNCATE credit_transaction`)).rejects.toThrow(/append-only/);
      expect((await c.query(`SELECT amount FROM credit_transaction`)).rows).toEqual([{ amount: 5 }]);
    });
  });

  it("rolls a failing migration back whole, records the failure, and refuses to go on until it is resolved", async () => {
    const url = await createDatabase();
    const dir = await copyOfMigrations();
    const bad = path.join(dir, "29991231000000_bad");
    await mkdir(bad);
    await writeFile(
      path.join(bad, "migration.sql"),
      `CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n`,
    );

    await expect(applyMigrations(url, { dir })).rejects.toThrow(/migration 29991231000000_bad failed: .*no_such_table/);
    const state = await withClient(url, async (c) => ({
      halfDone: (await c.query(`SELECT to_regclass('public.half_done') AS t`)).rows[0].t,
      rows: (
        await c.query(
          `SELECT migration_name, finished_at IS NOT NULL AS finished, logs FROM "_prisma_migrations" ORDER BY migration_name`,
        )
      ).rows,
    }));
    expect(state.halfDone).toBeNull();
    expect(state.rows.at(-1)).toMatchObject({
      migration_name: "29991231000000_bad",
      finished: false,
      logs: expect.stringMatching(/no_such_table/),
    });
    expect(state.rows.slice(0, -1).every((r) => r.finished)).toBe(true);

    const blocked = applyMigrations(url, { dir });
    await expect(blocked).rejects.toThrow(/29991231000000_bad failed earlier and block further migrations/);
    await expect(blocked).rejects.toThrow(/UPDATE "_prisma_migrations" SET rolled_back_at = now\(\)/);

    // The documented way out: fix the SQL, mark the failure rolled back, deploy again.
    await writeFile(path.join(bad, "migration.sql"), `CREATE TABLE "half_done" (id int);\n`);
    await withClient(url, (c) =>
      c.query(
        `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE finished_at IS NULL AND rolled_back_at IS NULL AND migration_name IN ('29991231000000_bad')`,
      ),
    );
    expect(await applyMigrations(url, { dir })).toEqual({ applied: ["29991231000000_bad"], warnings: [] });
  });

  it("warns about an applied migration that was changed afterwards, and applies nothing", async () => {
    const url = await createDatabase();
    const dir = await copyOfMigrations();
    await applyMigrations(url, { dir });
    const [first] = await readLocalMigrations(dir);
    if (!first) throw new Error("no migrations");
    await appendFile(path.join(dir, first.name, "migration.sql"), "\n-- edited after the fact\n");

    const lines: string[] = [];
    const result = await applyMigrations(url, { dir, log: (line) => lines.push(line) });
    expect(result.applied).toEqual([]);
    expect(result.warnings).toEqual([`${first.name} was modified after it was applied`]);
    expect(lines).toContain(`warning: ${first.name} was modified after it was applied`);
  });

  it("refuses a migration directory without migration.sql instead of skipping it", async () => {
    const url = await createDatabase();
    const dir = await copyOfMigrations();
    await mkdir(path.join(dir, "29991231000000_empty"));
    await expect(applyMigrations(url, { dir })).rejects.toThrow(/29991231000000_empty has no migration.sql/);
  });
});

describe("schema engine (wasm, through @prisma/adapter-pg)", () => {
  it("finds the repository's schema and migrations in agreement, and drops its shadow database", async () => {
    // Replaying the init migration on the shadow database goes through executeScript, so this
    // also proves the plpgsql function body ($$ ... ; ... $$) survives.
    const log: string[] = [];
    const difference = await checkSchemaMatchesMigrations({
      databaseUrl: await createDatabase(),
      log: (m) => log.push(m),
    });
    expect(difference).toBeNull();
    const shadows = shadowNames(log);
    expect(shadows).toHaveLength(1);
    expect(log).toContain(`dropped shadow database ${shadows[0]}`);
    expect(await shadowDatabasesStillPresent(shadows)).toEqual([]);
  });

  it("reports the SQL for a schema change that has no migration, and creates that migration", async () => {
    const dir = await scratchDir();
    const tempSchema = path.join(dir, "schema.prisma");
    const tempMigrations = await copyOfMigrations();
    const schema = await readFile(schemaPath(), "utf8");
    await writeFile(
      tempSchema,
      `${schema}\nmodel AuditNote {\n  id   String @id\n  body String\n\n  @@map("audit_note")\n}\n`,
    );
    const options = { databaseUrl: await createDatabase(), schemaPath: tempSchema, migrationsDir: tempMigrations };

    const difference = await checkSchemaMatchesMigrations(options);
    expect(difference).toMatch(/CREATE TABLE "audit_note"/);
    expect(difference).not.toMatch(/credit_transaction/);

    const created = await createMigration({ ...options, name: "add_audit_note", createOnly: true });
    expect(created.applied).toBe(false);
    expect(created.directory).toMatch(/[/\\]\d{14}_add_audit_note$/);
    const directories = (await readdir(tempMigrations, { withFileTypes: true })).filter((e) => e.isDirectory());
    expect(
      directories
        .map((e) => e.name)
        .sort()
        .at(-1),
    ).toBe(path.basename(created.directory ?? ""));
    expect(await readFile(path.join(created.directory ?? "", "migration.sql"), "utf8")).toMatch(
      /CREATE TABLE "audit_note"/,
    );

    expect(await checkSchemaMatchesMigrations(options)).toBeNull();
    // migrate dev applies the pending history to the database first, as Prisma's does.
    const s = await status(options);
    expect(s).toMatchObject({
      upToDate: false,
      pending: [path.basename(created.directory ?? "")],
      failed: [],
      edited: [],
    });
  });

  it("agrees with the plain-pg applier about what is applied", async () => {
    const url = await createDatabase();
    expect((await status({ databaseUrl: url })).pending).toEqual((await readLocalMigrations()).map((m) => m.name));
    await applyMigrations(url);
    expect(await status({ databaseUrl: url })).toMatchObject({ upToDate: true, pending: [], failed: [], edited: [] });
  });
});
