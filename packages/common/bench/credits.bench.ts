/**
 * Throughput of the credit engine against what the same PostgreSQL and pool do with trivial writes.
 * `pnpm bench` (or `pnpm --filter @videofly/common bench`). Prints figures; asserts nothing about speed.
 *
 * Database: BENCH_DATABASE_URL or TEST_DATABASE_URL's server when set, else an embedded PostgreSQL.
 * BENCH_SECONDS sets each measured phase (default 5), after a 1 s warm-up under the same load.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { db, disconnectDb, pool } from "@videofly/db";
import { createDatabaseFromTemplate, dropDatabase, startTestDatabaseServer } from "@videofly/db/testing";
import { grantCredits, holdCredits, reconcileCredits, settleHold } from "../src/credits/index.ts";

const CONCURRENCY = 50;
// More connections than workers, so a worker never waits for the pool itself.
const POOL_MAX = 60;
const USERS = 100;
const COUNTER_ROWS = 10_000;
const CREDITS = 10_000_000; // far more than any run can spend, so no cycle fails for lack of credits
const HOLD_AMOUNT = 5;
const WARMUP_MS = 1_000;
const MEASURE_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1_000;

const out = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Runs `op` in `CONCURRENCY` loops without pause; counts only completions inside the measured window,
 * so warm-up (connection set-up, plan caching, JIT) and the drain at the end are not in the figure.
 */
async function throughput(op: (worker: number, i: number) => Promise<void>): Promise<number> {
  let done = 0;
  let stop = false;
  const workers = Array.from({ length: CONCURRENCY }, async (_, w) => {
    for (let i = 0; !stop; i++) {
      await op(w, i);
      done++;
    }
  });
  // A failing worker fails the phase at once instead of after it.
  const failed = Promise.all(workers).then(() => new Promise<never>(() => {}));
  const sleep = (ms: number) => Promise.race([new Promise((r) => setTimeout(r, ms)), failed]);
  let rate: number;
  try {
    await sleep(WARMUP_MS);
    const [n0, t0] = [done, performance.now()];
    await sleep(MEASURE_MS);
    rate = ((done - n0) * 1000) / (performance.now() - t0);
  } finally {
    stop = true;
    await Promise.allSettled(workers);
  }
  await Promise.all(workers); // a failure while draining fails the run too
  return rate;
}

/** One hold+settle cycle; the reference is unique per cycle so every hold is new. */
async function cycle(user: string, reference: string): Promise<void> {
  await holdCredits({ userId: user, reference, amount: HOLD_AMOUNT });
  await settleHold(reference);
}

// The database is new for each run, so plain ids cannot collide.
const userId = (n: number | "hot") => `usr_bench_${n}`;

async function seed(): Promise<void> {
  const users = Array.from({ length: USERS }, (_, i) => userId(i));
  const hot = userId("hot");
  await db().user.createMany({
    data: [...users, hot].map((id) => ({ id, name: id, email: `${id}@bench.invalid` })),
  });
  await Promise.all(
    [...users, hot].map((id) =>
      grantCredits({ userId: id, source: "PURCHASE", grantKey: `bench:${id}`, credits: CREDITS, expiresAt: null }),
    ),
  );
  await pool().query(
    `CREATE TABLE bench_counter (id int PRIMARY KEY, x bigint NOT NULL DEFAULT 0);
     INSERT INTO bench_counter (id) SELECT generate_series(1, ${COUNTER_ROWS})`,
  );
}

/** Autocommit single-row updates; worker w only touches rows ≡ w (mod CONCURRENCY), so none ever wait on a row lock. */
const rawUpdates = () =>
  throughput(async (w, i) => {
    const id = ((i * CONCURRENCY + w) % COUNTER_ROWS) + 1;
    await pool().query("UPDATE bench_counter SET x = x + 1 WHERE id = $1", [id]);
  });

async function main(): Promise<void> {
  const external = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
  const started = performance.now();
  const server = await startTestDatabaseServer(external);
  let url: string | undefined;
  try {
    url = await createDatabaseFromTemplate(server.templateUrl, "vf_bench");
    // Both configs are parsed on first use, so this must precede the first pool()/db() call.
    process.env.DATABASE_URL = url;
    process.env.DATABASE_POOL_MAX = String(POOL_MAX);

    const settings = await pool().query<{ version: string; fsync: string; sync: string }>(
      `SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync,
              current_setting('synchronous_commit') AS sync`,
    );
    const s = settings.rows[0];
    const where = external ? new URL(external).host : "embedded";
    out(`# server=${where} postgres=${s?.version} fsync=${s?.fsync} synchronous_commit=${s?.sync}`);
    out(`# pool_max=${POOL_MAX} concurrency=${CONCURRENCY} users=${USERS} warmup_s=1 measure_s=${MEASURE_MS / 1000}`);
    // Client and server share this machine's CPUs: other load skews every figure, so show it.
    out(`# loadavg_1m=${loadavg()[0]?.toFixed(2)}`);

    await seed();
    // Raw updates before and after the credit phases, averaged, so neither side gets the warmer server.
    const raw1 = await rawUpdates();
    const spread = await throughput((w, i) => cycle(userId(Math.floor(Math.random() * USERS)), `bench:a:${w}:${i}`));
    const hotRate = await throughput((w, i) => cycle(userId("hot"), `bench:b:${w}:${i}`));
    const raw2 = await rawUpdates();
    const raw = (raw1 + raw2) / 2;

    out(`# pg.raw_updates_per_s runs=${raw1.toFixed(1)},${raw2.toFixed(1)}`);
    out(`credits.cycles_per_s=${spread.toFixed(1)}`);
    out(`credits.hot_user_cycles_per_s=${hotRate.toFixed(1)}`);
    out(`pg.raw_updates_per_s=${raw.toFixed(1)}`);
    out(`credits.ratio_to_raw=${(spread / raw).toFixed(2)}`);
    out(`credits.hot_user_ratio_to_raw=${(hotRate / raw).toFixed(2)}`);
    out(`credits.reconcile_problems=${(await reconcileCredits()).length}`);
  } finally {
    // Also on failure: leave no database or embedded server behind.
    await disconnectDb().catch(() => {});
    if (url) await dropDatabase(url).catch(() => {});
    await server.stop();
    out(`# total_s=${((performance.now() - started) / 1000).toFixed(1)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
