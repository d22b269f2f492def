import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const nextBin = createRequire(path.join(appDir, "package.json")).resolve("next/dist/bin/next");

export const TEST_SECRETS = {
  BETTER_AUTH_SECRET: "test-secret-0123456789abcdef0123456789abcdef",
  CRON_SECRET: "test-cron-secret-0123456789",
  CREEM_WEBHOOK_SECRET: "whsec_test_videofly_0123456789",
  VIDEO_CALLBACK_SECRET: "test-callback-secret-0123456789",
  STORAGE_SIGNING_SECRET: "test-storage-secret-0123456789abcdef",
};

export interface AppServer {
  baseUrl: string;
  /** The `next start` process (a bench samples its memory). */
  pid: number;
  /** Where the server's local storage driver keeps files (a worker for it must use the same). */
  storageDir: string;
  /** The file the server's stdout and stderr go to. */
  logFile: string;
  /** Everything the server wrote so far. */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function assertBuilt() {
  if (!existsSync(path.join(appDir, ".next/BUILD_ID"))) {
    throw new Error("apps/nextjs is not built: run `pnpm build` first (`pnpm test` does it through turbo)");
  }
}

export interface LaunchOptions {
  /** Only `env`, PATH, HOME and NODE_ENV=production: none of the test defaults. */
  bare?: boolean;
}

function childEnv(bare: boolean, env: Record<string, string>, withDefaults: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return bare ? { PATH: withDefaults.PATH, HOME: withDefaults.HOME, NODE_ENV: "production", ...env } : withDefaults;
}

function launch(env: Record<string, string>, port: number, { bare = false }: LaunchOptions = {}) {
  assertBuilt();
  // The global setup passes its SMTP server explicitly; servers started by tests find it injected.
  const smtpUrl = env.SMTP_URL ?? inject("smtpUrl");
  const logFile = path.join(mkdtempSync(path.join(tmpdir(), "videofly-app-")), "server.log");
  const storageDir = mkdtempSync(path.join(tmpdir(), "videofly-storage-"));
  const fd = openSync(logFile, "a");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: appDir,
    env: childEnv(bare, env, {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
      APP_URL: `http://127.0.0.1:${port}`,
      STORAGE_LOCAL_DIR: storageDir,
      AUTH_RATE_LIMIT: "off",
      BETTER_AUTH_SECRET: TEST_SECRETS.BETTER_AUTH_SECRET,
      CRON_SECRET: TEST_SECRETS.CRON_SECRET,
      VIDEO_CALLBACK_SECRET: TEST_SECRETS.VIDEO_CALLBACK_SECRET,
      STORAGE_SIGNING_SECRET: TEST_SECRETS.STORAGE_SIGNING_SECRET,
      SMTP_URL: smtpUrl,
      MAIL_FROM: "VideoFly <no-reply@videofly.test>",
      // Production never switches the demo on by itself.
      DEMO_PROVIDER: "on",
      // Budgets no ordinary test reaches; the rate-limit tests start servers with their own.
      API_KEY_RATE_LIMIT_PER_MINUTE: "100000",
      SESSION_RATE_LIMIT_PER_MINUTE: "100000",
      GENERATE_RATE_LIMIT_PER_MINUTE: "100000",
      ...env,
    }),
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  return { child, logFile, storageDir, output: () => readFileSync(logFile, "utf8") };
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/** Starts the built app with `next start` and waits until it answers HTTP. */
export async function startAppServer(env: Record<string, string>, options: LaunchOptions = {}): Promise<AppServer> {
  const port = await freePort();
  const { child, logFile, storageDir, output } = launch(env, port, options);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(`${baseUrl}/api/v1/health`).then(
      () => true,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`app server did not answer within 30 s:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { baseUrl, pid: child.pid ?? 0, logFile, storageDir, output, stop: () => stopChild(child) };
}

/** Starts the app expecting it to refuse to start; resolves with its exit code and output. */
export async function startAppServerExpectingExit(
  env: Record<string, string>,
  timeoutMs = 30_000,
  options: LaunchOptions = {},
): Promise<{ code: number | null; output: string }> {
  const { child, output } = launch(env, await freePort(), options);
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`app server kept running:\n${output()}`));
    }, timeoutMs);
    child.once("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  return { code, output: output() };
}
