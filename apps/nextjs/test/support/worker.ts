import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { type AppServer, TEST_SECRETS } from "./app-server";

export interface WorkerProcess {
  stop(): Promise<void>;
}

/** The same worker `pnpm worker` runs, pointed at `app`'s database (in `env`), storage and URL. */
export function startWorker(app: AppServer, env: Record<string, string>): WorkerProcess {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/jobs/worker-main.ts"], {
    cwd: path.resolve(import.meta.dirname, "../../../../packages/common"),
    env: {
      ...process.env,
      ...env,
      APP_URL: app.baseUrl,
      // Webhook signing secrets are encrypted under a key derived from it.
      BETTER_AUTH_SECRET: TEST_SECRETS.BETTER_AUTH_SECRET,
      VIDEO_CALLBACK_SECRET: TEST_SECRETS.VIDEO_CALLBACK_SECRET,
      STORAGE_SIGNING_SECRET: TEST_SECRETS.STORAGE_SIGNING_SECRET,
      STORAGE_LOCAL_DIR: app.storageDir,
      WORKER_POLL_INTERVAL_MS: "300",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return {
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
