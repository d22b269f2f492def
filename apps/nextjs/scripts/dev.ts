// `pnpm dev`: the database (embedded unless DATABASE_URL is set, migrations applied), then
// `next dev` and the background worker side by side.
import { type ChildProcess, spawn } from "node:child_process";
import { ensureLocalDatabase } from "@videofly/db/local";

const log = (line: string) => console.log(`[dev] ${line}`);
const database = await ensureLocalDatabase(process.env.DATABASE_URL, log);
log(`database ready: ${database.embedded ? "embedded PostgreSQL" : "DATABASE_URL"}`);

const env = { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" };
const children: ChildProcess[] = [
  spawn("next", ["dev", ...process.argv.slice(2)], { stdio: "inherit", env }),
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
