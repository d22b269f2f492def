/**
 * `batch.items_per_s`: videos of one 100-item batch finished per second, from `POST /api/v1/batches`
 * until the batch is finalised, against the built app (`next start`) on a fresh database with the
 * demo provider rendering in zero time and the default concurrency limit (VIDEO_MAX_CONCURRENT=3).
 * The poll job is driven by back-to-back calls of its cron route (one caller), as a scheduler
 * running flat out would; the figure covers the whole pipeline per item: dispatch, submit, poll,
 * copy of the file to local storage, settle, and the batch's finalisation.
 * BENCH_DATABASE_URL or TEST_DATABASE_URL picks a PostgreSQL server, else an embedded one is started.
 */
import { performance } from "node:perf_hooks";
import { TEST_SECRETS } from "../test/support/app-server.ts";
import { type BenchApp, out, withBenchApp } from "./support.ts";

const ITEMS = 100;
const CONCURRENT = 3;

async function run(bench: BenchApp): Promise<boolean> {
  const baseUrl = bench.app.baseUrl;
  const cookie = await bench.signUpVerified(`batch-bench-${Date.now()}@videofly.test`);
  const headers = { "content-type": "application/json", cookie, origin: baseUrl };
  const body = JSON.stringify({
    model: "kling-2.6",
    mode: "TEXT_TO_VIDEO",
    duration: 5,
    aspectRatio: "16:9",
    quality: "standard",
    items: Array.from({ length: ITEMS }, (_, i) => ({ prompt: `bench item ${i}` })),
  });
  const started = performance.now();
  const created = await fetch(`${baseUrl}/api/v1/batches`, { method: "POST", headers, body });
  if (created.status !== 201) {
    console.error(`the batch was refused: ${created.status} ${await created.text()}`);
    return false;
  }
  const { data } = (await created.json()) as { data: { id: string } };
  const cron = { headers: { authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` } };
  let ticks = 0;
  for (;;) {
    const res = await fetch(`${baseUrl}/api/v1/batches/${data.id}`, { headers });
    const batch = ((await res.json()) as { data: { finishedAt: string | null; status: string; counts: object } }).data;
    if (batch.finishedAt) {
      const seconds = (performance.now() - started) / 1000;
      out(`batch.items_per_s=${(ITEMS / seconds).toFixed(1)}`);
      out(`# items=${ITEMS} seconds=${seconds.toFixed(2)} status=${batch.status} cron_ticks=${ticks}`);
      out(`# counts=${JSON.stringify(batch.counts)}`);
      out(`# VIDEO_MAX_CONCURRENT=${CONCURRENT} DEMO_PROVIDER_DELAY_MS=0 server=${bench.databaseKind}`);
      return batch.status === "completed";
    }
    await fetch(`${baseUrl}/api/cron/process-videos`, cron);
    ticks += 1;
  }
}

await withBenchApp(
  "vf_batch_bench",
  {
    DEMO_PROVIDER_DELAY_MS: "0",
    VIDEO_POLL_INTERVAL_MS: "1",
    VIDEO_MAX_CONCURRENT: String(CONCURRENT),
    SIGNUP_BONUS_CREDITS: "1000",
    LOG_LEVEL: "warn",
  },
  async (bench) => {
    if (!(await run(bench))) {
      console.error(`the batch did not complete; server log: ${bench.app.logFile}`);
      process.exitCode = 1;
    }
  },
);
