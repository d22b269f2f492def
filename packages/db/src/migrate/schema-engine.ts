// Offline Prisma 7 migrations: Prisma's own schema engine compiled to WebAssembly
// (@prisma/schema-engine-wasm, pinned to the engines version of the `prisma` package), driven
// through @prisma/adapter-pg. The Prisma 7 CLI would instead download a native engine binary,
// which fails without internet.
import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import type {
  DiagnoseMigrationHistoryOutput,
  DiffTarget,
  MigrationList,
  SchemaEngine,
  SchemaFilter,
  SchemasContainer,
} from "@prisma/schema-engine-wasm";
import pg from "pg";
import { compareMigrationNames } from "./apply.ts";
import { migrationsDir as defaultMigrationsDir, schemaPath as defaultSchemaPath } from "./paths.ts";

export interface EngineOptions {
  /** The database the engine works on; shadow databases are created on the same server. */
  databaseUrl: string;
  /** An existing, disposable database to use as the shadow instead of creating one. */
  shadowDatabaseUrl?: string;
  schemaPath?: string;
  migrationsDir?: string;
  /** Engine trace lines, and the shadow databases created and dropped. */
  log?: (message: string) => void;
}

// ---------------------------------------------------------------------------------------------
// Loading the engine
// ---------------------------------------------------------------------------------------------

interface PanicRegistry {
  message: string;
  set_message(message: string): void;
}

declare global {
  // The wasm glue reports Rust panic messages through this global (the Prisma CLI installs it too).
  var PRISMA_WASM_PANIC_REGISTRY: PanicRegistry | undefined;
}

type EngineClass = typeof SchemaEngine;
let engineClass: Promise<EngineClass> | undefined;

async function instantiateEngine(): Promise<EngineClass> {
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: "",
    set_message(message: string) {
      this.message = `RuntimeError: ${message}`;
    },
  };
  // The package's main entry imports the .wasm file as an ES module, which Node cannot do without
  // a flag: load the JS glue alone and instantiate the wasm bytes by hand.
  const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue.SchemaEngine;
}

function loadEngineClass(): Promise<EngineClass> {
  engineClass ??= instantiateEngine().catch((error: unknown) => {
    engineClass = undefined;
    throw error;
  });
  return engineClass;
}

// ---------------------------------------------------------------------------------------------
// Adapter workarounds
// ---------------------------------------------------------------------------------------------

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

const PG_CHAR_OID = 18;
const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

/** Indexes of `"char"` columns, keyed by the rows array pg returns (the adapter passes it on). */
const charColumns = new WeakMap<object, number[]>();

function isQueryResult(value: unknown): value is pg.QueryResult {
  return typeof value === "object" && value !== null && Array.isArray((value as pg.QueryResult).fields);
}

// The engine introspects pg_catalog columns of type "char" (oid 18) and name (oid 19), which
// @prisma/adapter-pg 7.10 refuses ("Column type 'char' could not be deserialized"). Both are
// reported to the adapter as text; "char" columns are re-typed as Character afterwards because the
// engine reads e.g. pg_constraint.contype as a char and panics on text.
function relabelCatalogTypes<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    if (!isQueryResult(r)) continue;
    const chars: number[] = [];
    r.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        chars.push(i);
      } else if (field.dataTypeID === PG_NAME_OID) {
        field.dataTypeID = PG_TEXT_OID;
      }
    });
    if (chars.length) charColumns.set(r.rows, chars);
  }
  return result;
}

type QueryCallback = (error: Error | null, result: unknown) => void;

/** Wraps every pooled client's query() so results pass through relabelCatalogTypes. */
function relabelPoolResults(pool: pg.Pool): void {
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const patched = (...args: unknown[]): unknown => {
      const last = args.at(-1);
      if (typeof last === "function") {
        // pg-pool's own query() calls the client with a callback.
        const callback = last as QueryCallback;
        return query(...args.slice(0, -1), (error: Error | null, result: unknown) =>
          callback(error, error ? result : relabelCatalogTypes(result)),
        );
      }
      const result = query(...args);
      return result instanceof Promise ? result.then(relabelCatalogTypes) : result;
    };
    client.query = patched as typeof client.query;
  });
}

function retypeCharColumns<Q extends SqlQueryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    for (const i of charColumns.get(resultSet.rows) ?? []) resultSet.columnTypes[i] = ColumnTypeEnum.Character;
    return resultSet;
  };
  return queryable;
}

/** The adapter's error conversion (pg error -> DriverAdapterError), which the engine understands. */
interface AdapterErrorConversion {
  onError(error: unknown): never;
}

/**
 * Makes a fresh adapter connection usable by the engine. Must run before the adapter is bound
 * (bindAdapter captures the methods), i.e. inside our factory's connect functions.
 */
function prepareAdapter(adapter: PgAdapter): PgAdapter {
  const pool = adapter.underlyingDriver();
  relabelPoolResults(pool);
  retypeCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => retypeCharColumns(await startTransaction(isolationLevel));
  // adapter-pg's executeScript splits the script on every `;`, which cuts plpgsql bodies
  // ($$ ... ; ... $$) into invalid statements. Send the script whole instead: one simple-protocol
  // query, which PostgreSQL runs as one implicit transaction, as the native engine does.
  const conversion = adapter as unknown as AdapterErrorConversion;
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      conversion.onError(error);
    }
  };
  return adapter;
}

// ---------------------------------------------------------------------------------------------
// Connections and the shadow database
// ---------------------------------------------------------------------------------------------

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } catch (error) {
    // WITH (FORCE) needs PostgreSQL 13; older servers get the plain form.
    if ((error as { code?: string }).code !== "42601") throw error;
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  }
}

/**
 * A shadow database of our own: @prisma/adapter-pg 7.10's connectToShadowDb() passes
 * `{ ...config, database }` to pg, but pg lets a connectionString win over `database`, so its
 * "shadow" silently is the MAIN database. We create a uniquely named database on the same server
 * and drop it when the engine's connection to it is disposed (after its pool has ended, or the
 * drop would wait on our own connections).
 */
async function connectToOwnShadowDb(databaseUrl: string, log?: (message: string) => void): Promise<PgAdapter> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  admin.on("error", () => {});
  await admin.connect();
  const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
  let shadow: PgAdapter | undefined;
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    log?.(`created shadow database ${name}`);
    shadow = prepareAdapter(
      await new PrismaPg({ connectionString: withDatabase(databaseUrl, name), allowExitOnIdle: true }).connect(),
    );
    // A server that ignores the database name (pglite-socket, some poolers) would make the main
    // database the shadow, and the engine resets its shadow: refuse rather than lose data.
    const seen = (await shadow.queryRaw({ sql: "SELECT current_database()", args: [], argTypes: [] })).rows[0]?.[0];
    if (seen !== name) {
      throw new Error(
        `the shadow database connection landed in "${String(seen)}", not "${name}": pass a separate, disposable shadowDatabaseUrl`,
      );
    }
  } catch (error) {
    await shadow?.dispose().catch(() => {});
    await dropDatabase(admin, name).catch(() => {});
    await admin.end().catch(() => {});
    throw error;
  }
  const connected = shadow;
  const dispose = connected.dispose.bind(connected);
  let disposing: Promise<void> | undefined;
  connected.dispose = () => {
    disposing ??= (async () => {
      try {
        await dispose();
        await dropDatabase(admin, name);
        log?.(`dropped shadow database ${name}`);
      } finally {
        await admin.end().catch(() => {});
      }
    })();
    return disposing;
  };
  return connected;
}

function onceDisposable<A extends SqlDriverAdapter>(adapter: A): A {
  const dispose = adapter.dispose.bind(adapter);
  let disposing: Promise<void> | undefined;
  adapter.dispose = () => {
    disposing ??= dispose();
    return disposing;
  };
  return adapter;
}

// ---------------------------------------------------------------------------------------------
// Engine sessions
// ---------------------------------------------------------------------------------------------

const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

interface Session {
  engine: SchemaEngine;
  schemaPath: string;
  migrationsDir: string;
}

async function readSchema(schemaPath: string): Promise<SchemasContainer> {
  return { files: [{ path: path.resolve(schemaPath), content: await readFile(schemaPath, "utf8") }] };
}

/** The migrations directory as the engine wants it (Prisma's CLI reads it the same way). */
export async function readMigrationsList(dir: string): Promise<MigrationList> {
  const baseDir = path.resolve(dir);
  const lockPath = "migration_lock.toml";
  const lockContent = await readFile(path.join(baseDir, lockPath), "utf8").catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const directories = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort(compareMigrationNames);
  const migrationDirectories: MigrationList["migrationDirectories"] = [];
  for (const name of directories) {
    const content = await readFile(path.join(baseDir, name, "migration.sql"), "utf8").then(
      (value) => ({ tag: "ok" as const, value }),
      (error: unknown) => ({ tag: "error" as const, value: error instanceof Error ? error.message : String(error) }),
    );
    migrationDirectories.push({ path: name, migrationFile: { path: "migration.sql", content } });
  }
  return { baseDir, lockfile: { path: lockPath, content: lockContent }, migrationDirectories, shadowDbInitScript: "" };
}

function describeEngineError(error: unknown): Error {
  const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY?.message;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof WebAssembly.RuntimeError) {
    // A panic can leave the instance's memory inconsistent: the next session instantiates anew.
    engineClass = undefined;
  }
  return new Error(panic ? `${message}\nschema engine panic: ${panic}` : message, { cause: error });
}

/** Runs `fn` with a fresh engine, then frees it and closes every connection it opened. */
async function withEngine<T>(options: EngineOptions, fn: (session: Session) => Promise<T>): Promise<T> {
  const schemaPath = options.schemaPath ?? defaultSchemaPath();
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const EngineClass = await loadEngineClass();
  const opened: SqlDriverAdapter[] = [];
  const track = (connect: () => Promise<PgAdapter>) => async () => {
    const adapter = onceDisposable(await connect());
    opened.push(adapter);
    return adapter;
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: track(async () =>
      prepareAdapter(await new PrismaPg({ connectionString: options.databaseUrl, allowExitOnIdle: true }).connect()),
    ),
    connectToShadowDb: track(async () =>
      options.shadowDatabaseUrl
        ? prepareAdapter(
            await new PrismaPg({ connectionString: options.shadowDatabaseUrl, allowExitOnIdle: true }).connect(),
          )
        : connectToOwnShadowDb(options.databaseUrl, options.log),
    ),
  });
  const log = options.log;
  if (globalThis.PRISMA_WASM_PANIC_REGISTRY) globalThis.PRISMA_WASM_PANIC_REGISTRY.message = "";
  let engine: SchemaEngine | undefined;
  try {
    const schema = await readSchema(schemaPath);
    engine = await EngineClass.new(
      { datamodels: schema.files.map((f) => [f.path, f.content]) },
      (message: string) => log?.(message),
      factory,
    );
    return await fn({ engine, schemaPath, migrationsDir });
  } catch (error) {
    throw describeEngineError(error);
  } finally {
    engine?.free();
    // Every pool must end, or the process (and vitest workers) would linger; a shadow connection
    // also drops its database here. One failure must not keep the others open.
    for (const adapter of opened) {
      await adapter.dispose().catch((error: unknown) => log?.(`closing a connection failed: ${String(error)}`));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

/** What to diff: nothing, the Prisma schema, the migrations (replayed on a shadow db), or the live database. */
export type DiffSource = "empty" | "schema" | "migrations" | "database";

async function diffTarget(source: DiffSource, session: Session): Promise<DiffTarget> {
  switch (source) {
    case "empty":
      return { tag: "empty" };
    case "schema":
      return { tag: "schemaDatamodel", ...(await readSchema(session.schemaPath)) };
    case "migrations":
      return { tag: "migrations", ...(await readMigrationsList(session.migrationsDir)) };
    case "database":
      return { tag: "schemaDatasource", ...(await readSchema(session.schemaPath)), configDir: process.cwd() };
  }
}

export interface DiffResult {
  /** 0: no difference (or exitCode not asked for); 2: there is a difference. */
  exitCode: number;
  /** A SQL script (script: true) or a human-readable summary. */
  output: string;
}

/** Like `prisma migrate diff --from-… --to-… [--script] [--exit-code]`. */
export async function diff(
  params: { from: DiffSource; to: DiffSource; script?: boolean; exitCode?: boolean } & EngineOptions,
): Promise<DiffResult> {
  return withEngine(params, async (session) => {
    const result = await session.engine.diff({
      from: await diffTarget(params.from, session),
      to: await diffTarget(params.to, session),
      script: params.script ?? false,
      exitCode: params.exitCode ?? null,
      filters: NO_FILTERS,
    });
    return { exitCode: result.exitCode, output: result.stdout ?? "" };
  });
}

/**
 * The SQL that would bring a database built from the migrations to the Prisma schema, or null
 * when they agree. Invariants the schema language cannot express (CHECK constraints, triggers)
 * are invisible to this comparison by design.
 */
export async function checkSchemaMatchesMigrations(options: EngineOptions): Promise<string | null> {
  const result = await diff({ ...options, from: "migrations", to: "schema", script: true, exitCode: true });
  return result.exitCode === 2 ? result.output : null;
}

export interface CreateMigrationResult {
  /** The new migration directory, or null when there was nothing to migrate. */
  directory: string | null;
  /** Migrations applied to the database first (pending ones, as `migrate dev` does). */
  appliedBefore: string[];
  /** Whether the new migration was applied (never with createOnly). */
  applied: boolean;
}

const LOCKFILE_CONTENT = (provider: string) =>
  `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`;

function utcStamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

/**
 * Prisma's `YYYYMMDDHHMMSS` (UTC) prefix, but always after the newest existing migration:
 * migrations apply in name order, so one sorting before already-applied ones (clock skew, a
 * hand-dated migration) would run out of order on every fresh database.
 */
export function nextMigrationTimestamp(existingNames: string[], now = new Date()): string {
  const candidate = utcStamp(now);
  const latest = existingNames
    .map((n) => n.slice(0, 14))
    .filter((p) => /^\d{14}$/.test(p))
    .sort()
    .at(-1);
  if (!latest || candidate > latest) return candidate;
  const [, y, mo, d, h, mi, se] = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(latest) ?? [];
  return utcStamp(new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se) + 1)));
}

const RISKY_LINES: RegExp[] = [
  /\bDROP\s+(TABLE|COLUMN|TYPE|SCHEMA|VIEW)\b/i,
  /\bALTER\s+COLUMN\s+\S+\s+(SET\s+DATA\s+)?TYPE\b/i,
  /\bALTER\s+TYPE\s+\S+\s+RENAME\s+TO\b/i, // Prisma's enum-variant removal recreates the type
  /\bSET\s+NOT\s+NULL\b/i,
  /\bADD\s+COLUMN\b(?!.*\bDEFAULT\b).*\bNOT\s+NULL\b/i,
  /^\s*(TRUNCATE|DELETE)\b/i,
];

/**
 * Lines of a generated script that can lose data or fail on a table with rows. A stand-in for
 * the engine's evaluateDataLoss (unusable in wasm, see createMigration): it cannot see whether
 * tables are empty, so it errs towards asking.
 */
export function riskyStatements(script: string): string[] {
  return script
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--") && RISKY_LINES.some((re) => re.test(line)))
    .map((line) => line.trim());
}

/**
 * Like `prisma migrate dev --name <name> [--create-only]` without reset or generate: applies
 * pending migrations to the database, writes `<migrationsDir>/<timestamp>_<name>/migration.sql`
 * for the difference to the schema and, unless createOnly, applies it. With createOnly a
 * migration is written even when empty, for hand-written SQL.
 */
export async function createMigration(
  params: { name: string; createOnly?: boolean; acceptDataLoss?: boolean } & EngineOptions,
): Promise<CreateMigrationResult> {
  if (!/^[A-Za-z0-9_-]{1,180}$/.test(params.name)) {
    throw new Error(`migration name "${params.name}" must be 1-180 letters, digits, "_" or "-"`);
  }
  const createOnly = params.createOnly ?? false;
  return withEngine(params, async (session) => {
    const { engine, migrationsDir } = session;
    const list = await readMigrationsList(migrationsDir);
    const diagnostic = await engine.devDiagnostic({ migrationsList: list, filters: NO_FILTERS });
    if (diagnostic.action.tag === "reset") {
      throw new Error(`the database needs a reset before a migration can be created: ${diagnostic.action.reason}`);
    }
    const before = await engine.applyMigrations({ migrationsList: list, filters: NO_FILTERS });
    // Not engine.createMigration / evaluateDataLoss: in the wasm engine both replay the history
    // without the adapter's shadow-database factory and fail ("PostgreSQL shadow DB must be
    // provided through an external factory"). diff gets the factory and renders the same script,
    // data-loss warnings included.
    const result = await engine.diff({
      from: await diffTarget("migrations", session),
      to: await diffTarget("schema", session),
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    const script = result.stdout ?? "";
    if (result.exitCode !== 2 && !createOnly) {
      return { directory: null, appliedBefore: before.appliedMigrationNames, applied: false };
    }
    const risky = createOnly || params.acceptDataLoss ? [] : riskyStatements(script);
    if (risky.length) {
      throw new Error(
        `refusing to apply statements that can lose data or fail on existing rows (create the migration only and review it, or accept data loss):\n  ${risky.join("\n  ")}`,
      );
    }
    const baseDir = path.resolve(migrationsDir);
    const name = `${nextMigrationTimestamp(list.migrationDirectories.map((d) => d.path))}_${params.name}`;
    const directory = path.join(baseDir, name);
    await mkdir(directory, { recursive: true });
    await writeFile(path.join(directory, "migration.sql"), script);
    if (list.lockfile.content === null) {
      await writeFile(path.join(baseDir, list.lockfile.path), LOCKFILE_CONTENT("postgresql"));
    }
    if (createOnly) return { directory, appliedBefore: before.appliedMigrationNames, applied: false };
    await engine.applyMigrations({ migrationsList: await readMigrationsList(migrationsDir), filters: NO_FILTERS });
    return { directory, appliedBefore: before.appliedMigrationNames, applied: true };
  });
}

export interface MigrationStatus {
  upToDate: boolean;
  hasMigrationsTable: boolean;
  /** Local migrations not applied to the database. */
  pending: string[];
  /** Applied migrations the migrations directory does not have. */
  unknownToDirectory: string[];
  failed: string[];
  /** Applied migrations whose file changed since. */
  edited: string[];
  raw: DiagnoseMigrationHistoryOutput;
}

/** Like `prisma migrate status`: the database's migration history against the directory. */
export async function status(options: EngineOptions): Promise<MigrationStatus> {
  return withEngine(options, async ({ engine, migrationsDir }) => {
    const raw = await engine.diagnoseMigrationHistory({
      migrationsList: await readMigrationsList(migrationsDir),
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    });
    const history = raw.history;
    const pending =
      history && history.diagnostic !== "migrationsDirectoryIsBehind" ? history.unappliedMigrationNames : [];
    const unknownToDirectory =
      history && history.diagnostic !== "databaseIsBehind" ? history.unpersistedMigrationNames : [];
    return {
      upToDate: history === null && raw.failedMigrationNames.length === 0 && raw.editedMigrationNames.length === 0,
      hasMigrationsTable: raw.hasMigrationsTable,
      pending,
      unknownToDirectory,
      failed: raw.failedMigrationNames,
      edited: raw.editedMigrationNames,
      raw,
    };
  });
}
