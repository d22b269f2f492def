// `pnpm dev`: the database (embedded unless DATABASE_URL is set, migrations applied), then
// `next dev` and the background worker side by side, on PORT or the first free port from 3000.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import { ensureLocalDatabase } from "@videofly/db/local";

const log = (line: string) => console.log(`[dev] ${line}`);

/** Whether nothing listens on `port` (on any interface, as next dev binds). */
const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });

async function choosePort(): Promise<number> {
  if (process.env.PORT) return Number(process.env.PORT);
  for (let port = 3000; port < 3100; port += 1) if (await isFree(port)) return port;
  throw new Error("no free port between 3000 and 3099: set PORT");
}

const port = await choosePort();
const database = await ensureLocalDatabase(process.env.DATABASE_URL, log);
log(`database ready: ${database.embedded ? "embedded PostgreSQL" : "DATABASE_URL"}`);

// The port is chosen here and given to both processes, so the app's URLs (BETTER_AUTH_URL and
// APP_URL default to http://localhost:<PORT>) and the worker's links point at the served port.
const env = { ...process.env, PORT: String(port), DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" };
log(`app on http://localhost:${port} (mail without SMTP_URL: .data/mail, and /dev/mail)`);
const children: ChildProcess[] = [
  spawn("next", ["dev", "-p", String(port), ...process.argv.slice(2)], { stdio: "inherit", env }),
  spawn("pnpm", ["--filter", "@videofly/common", "worker"], { stdio: "inherit", env }),
];

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
  await database.stop();
  process.exit(code);
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
for (const child of children) child.on("exit", (code) => void stop(code ?? 0));
