// Migration commands for `pnpm db:*` (the Prisma 7 CLI cannot migrate offline; see
// src/migrate/schema-engine.ts). Usage:
//   migrate deploy                                  apply pending migrations (DATABASE_URL)
//   migrate dev --name <name> [--create-only] [--accept-data-loss]
//   migrate check                                   exit 1 when schema and migrations disagree
//   migrate status                                  migration history of DATABASE_URL
// Environment: DATABASE_URL (check and dev --create-only start an embedded PostgreSQL without it),
// SHADOW_DATABASE_URL (optional), PRISMA_SCHEMA_PATH / PRISMA_MIGRATIONS_PATH (see paths.ts),
// DEBUG=schema-engine / DEBUG=embedded-postgres for traces.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres } from "../embedded-postgres.ts";
import { applyMigrations, readLocalMigrations } from "../migrate/apply.ts";
import { migrationsDir, repoRoot, schemaPath } from "../migrate/paths.ts";
import type { EngineOptions } from "../migrate/schema-engine.ts";

class UsageError extends Error {}

// Loaded on demand: `deploy` needs only pg, and the engine's packages are devDependencies.
const schemaEngine = () => import("../migrate/schema-engine.ts");

const USAGE = `usage: migrate <deploy | dev --name <name> [--create-only] [--accept-data-loss] | check | status>`;

function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

function display(file: string): string {
  const relative = path.relative(repoRoot(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

function requireDatabaseUrl(command: string): string {
  const url = env("DATABASE_URL");
  if (!url) throw new UsageError(`${command} needs DATABASE_URL (the database to work on)`);
  return url;
}

function engineOptions(databaseUrl: string): EngineOptions {
  const debug = /(^|,)\s*(\*|schema-engine)\s*(,|$)/.test(env("DEBUG") ?? "");
  return {
    databaseUrl,
    shadowDatabaseUrl: env("SHADOW_DATABASE_URL"),
    schemaPath: schemaPath(),
    migrationsDir: migrationsDir(),
    log: debug ? (message) => process.stderr.write(`[schema-engine] ${message}\n`) : undefined,
  };
}

/**
 * Runs `fn` against DATABASE_URL's server or, without one, a throwaway embedded PostgreSQL: the
 * engine needs a server to replay migrations on a shadow database, not any particular data.
 */
async function withServer<T>(fn: (databaseUrl: string) => Promise<T>): Promise<T> {
  const url = env("DATABASE_URL");
  if (url) return fn(url);
  const dataDir = await mkdtemp(path.join(tmpdir(), "videofly-migrate-pg-"));
  const server = await startEmbeddedPostgres({ dataDir, persistent: false });
  try {
    return await fn(server.url("postgres"));
  } finally {
    await server.stop();
  }
}

async function deploy(): Promise<number> {
  const url = requireDatabaseUrl("deploy");
  const result = await applyMigrations(url, { dir: migrationsDir(), log: (line) => console.log(line) });
  if (result.applied.length === 0) console.log("No pending migrations to apply.");
  return 0;
}

async function dev(name: string | undefined, createOnly: boolean, acceptDataLoss: boolean): Promise<number> {
  if (!name) throw new UsageError("dev needs --name <name>");
  if (!createOnly && !env("DATABASE_URL")) {
    throw new UsageError("dev without --create-only applies the migration, so it needs DATABASE_URL");
  }
  const { createMigration } = await schemaEngine();
  const result = await withServer((databaseUrl) =>
    createMigration({ ...engineOptions(databaseUrl), name, createOnly, acceptDataLoss }),
  );
  // On a throwaway embedded server, replaying the pending migrations is an internal detail.
  if (env("DATABASE_URL") && result.appliedBefore.length) {
    console.log(`applied pending migrations first: ${result.appliedBefore.join(", ")}`);
  }
  if (!result.directory) {
    console.log("The schema and the migrations already agree: no migration created.");
    return 0;
  }
  const file = path.join(result.directory, "migration.sql");
  console.log(`created ${display(file)}${result.applied ? " and applied it" : ""}`);
  return 0;
}

async function check(): Promise<number> {
  const started = performance.now();
  const { checkSchemaMatchesMigrations } = await schemaEngine();
  const difference = await withServer((databaseUrl) => checkSchemaMatchesMigrations(engineOptions(databaseUrl)));
  const schema = display(schemaPath());
  const migrations = display(migrationsDir());
  if (difference !== null) {
    console.error(`${schema} and ${migrations} disagree. SQL from the migrations to the schema:\n`);
    console.error(difference.trimEnd());
    console.error(`\nCreate a migration for it: pnpm db:migrate:new <name>`);
    return 1;
  }
  const count = (await readLocalMigrations(migrationsDir())).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`OK: ${schema} matches ${migrations} (${count} migration${count === 1 ? "" : "s"}, ${seconds} s)`);
  return 0;
}

async function showStatus(): Promise<number> {
  const url = requireDatabaseUrl("status");
  const { status } = await schemaEngine();
  const s = await status(engineOptions(url));
  const lines: string[] = [];
  if (!s.hasMigrationsTable) lines.push("The database has no _prisma_migrations table yet.");
  if (s.pending.length) lines.push(`Not yet applied: ${s.pending.join(", ")}`);
  if (s.unknownToDirectory.length)
    lines.push(`Applied, but missing from ${display(migrationsDir())}: ${s.unknownToDirectory.join(", ")}`);
  if (s.failed.length) lines.push(`Failed: ${s.failed.join(", ")}`);
  if (s.edited.length) lines.push(`Changed after being applied: ${s.edited.join(", ")}`);
  if (s.upToDate) lines.push("Database schema is up to date.");
  for (const line of lines) (s.upToDate ? console.log : console.error)(line);
  return s.upToDate ? 0 : 1;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: "string" },
        "create-only": { type: "boolean", default: false },
        "accept-data-loss": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv);
  const [command, ...rest] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (rest.length) throw new UsageError(`unexpected argument(s): ${rest.join(" ")}`);
  switch (command) {
    case "deploy":
      return deploy();
    case "dev":
      return dev(values.name, values["create-only"], values["accept-data-loss"]);
    case "check":
      return check();
    case "status":
      return showStatus();
    default:
      throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  }
}

main(process.argv.slice(2)).then(
  // Exit explicitly: a pg pool somewhere left idle would otherwise keep CI waiting for its timeout.
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      process.exit(2);
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`migrate: ${message}`);
    process.exit(1);
  },
);
