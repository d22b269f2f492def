// `pnpm dev`: the database (embedded unless DATABASE_URL is set, migrations applied), then `next dev`.
import { spawn } from "node:child_process";
import { ensureLocalDatabase } from "@videofly/db/local";

const log = (line: string) => console.log(`[dev] ${line}`);
const database = await ensureLocalDatabase(process.env.DATABASE_URL, log);
log(`database ready: ${database.embedded ? "embedded PostgreSQL" : "DATABASE_URL"}`);

const next = spawn("next", ["dev", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: database.url },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill("SIGTERM");
  await database.stop();
  process.exit(code);
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
next.on("exit", (code) => void stop(code ?? 0));
