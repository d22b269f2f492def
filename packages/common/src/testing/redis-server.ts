import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { findDebianPackage, systemHost } from "./debian-package.ts";
import { REDIS_SERVER } from "./test-tools.ts";

export interface TestRedis {
  /** redis://127.0.0.1:<port>, for REDIS_URL. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 10_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server logs that it accepts connections; rejects, with its log, when it exits first. */
function untilReady(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  let log = "";
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve) => {
    // Read stdout to the end even after this, so a full pipe can never stall the server.
    child.stdout?.on("data", (chunk: Buffer) => {
      if (log.length > 64_000) return;
      log += chunk.toString();
      if (log.includes("Ready to accept connections")) resolve();
    });
  });
  const failed = Promise.race([
    exited.then((code) => `redis-server exited with code ${code}`),
    new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve("redis-server did not start within 10 s"), STARTUP_TIMEOUT_MS);
    }),
  ]).then((why) => Promise.reject(new Error(`${why}\n${log}`)));
  failed.catch(() => {});
  return Promise.race([ready, failed]).finally(() => clearTimeout(timer));
}

async function spawnServer(
  binary: string,
  dir: string,
  fixedPort?: number,
): Promise<{ child: ChildProcess; port: number }> {
  let lastError: unknown;
  // Another process may take the free port between our look and the server's bind: try again.
  for (let attempt = 0; attempt < (fixedPort ? 1 : 3); attempt += 1) {
    const port = fixedPort ?? (await freePort());
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir];
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      await untilReady(child, exited);
      return { child, port };
    } catch (error) {
      child.kill("SIGKILL");
      lastError = error;
    }
  }
  throw lastError;
}

/**
 * A throwaway Redis of our own on a free loopback port (or `port`, to bring a stopped one back at
 * the same address): no persistence, its working files in a temporary folder, stopped by `stop()`
 * (killed when this process exits without it). `pnpm test` installs redis-server before the tests
 * (scripts/ensure-test-tools.ts); here it is only looked for, since installing would outlast a hook.
 */
export async function startTestRedis(options: { port?: number } = {}): Promise<TestRedis> {
  const binary = findDebianPackage(REDIS_SERVER, systemHost());
  const dir = mkdtempSync(path.join(tmpdir(), "videofly-redis-"));
  let started: { child: ChildProcess; port: number };
  try {
    started = await spawnServer(binary, dir, options.port);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const { child, port } = started;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      process.off("exit", killOnExit);
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
