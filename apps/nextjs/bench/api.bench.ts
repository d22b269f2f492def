/**
 * `api.balance_req_per_s` and `api.balance_p99_ms`: `GET /api/v1/credit/balance` with an API key,
 * through the whole route wrapper (key verification, scope, rate limit, usage record, envelope,
 * access log), 50 connections against the built app (`next start`); next to it, in the same run,
 * a bare Node HTTP server answering the same JSON (`bare_node.req_per_s`), and their ratio
 * (`api.ratio_to_bare_node`). The load comes from autocannon in this process.
 *
 * The key's budget is set far above what the run can spend, so every request is counted by the
 * limiter and none is refused. BENCH_SECONDS sets each window (default 10); BENCH_DATABASE_URL or
 * TEST_DATABASE_URL picks a PostgreSQL server, else an embedded one is started. Exits non-zero
 * when over 1% of the API's answers are not 200.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import { type BenchApp, out, withBenchApp } from "./support.ts";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const MAX_FAILURE_RATIO = 0.01;

interface Measured {
  reqPerS: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Measured> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds });
  return {
    reqPerS: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Warm-up first (JIT, connection pools, the route's first compile), then the measured window. */
async function measure(url: string, headers: Record<string, string>): Promise<Measured> {
  await load(url, headers, WARMUP_SECONDS);
  return load(url, headers, SECONDS);
}

async function startBareServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "bare-server.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill("SIGTERM") };
}

async function apiKeyFor(bench: BenchApp): Promise<string> {
  const baseUrl = bench.app.baseUrl;
  const cookie = await bench.signUpVerified(`bench-${Date.now()}@videofly.test`);
  const created = await fetch(`${baseUrl}/api/v1/api-keys`, {
    method: "POST",
    headers: { cookie, origin: baseUrl, "content-type": "application/json" },
    body: JSON.stringify({ name: "bench", scopes: ["credits:read"] }),
  });
  if (created.status !== 201) throw new Error(`key creation failed: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { data: { key: string } }).data.key;
}

function report(api: Measured, bare: Measured, serverKind: string): boolean {
  out(`api.balance_req_per_s=${api.reqPerS.toFixed(1)}`);
  out(`api.balance_p99_ms=${api.p99.toFixed(1)}`);
  out(`bare_node.req_per_s=${bare.reqPerS.toFixed(1)}`);
  out(`bare_node.p99_ms=${bare.p99.toFixed(1)}`);
  out(`api.ratio_to_bare_node=${(api.reqPerS / bare.reqPerS).toFixed(4)}`);
  out(`# connections=${CONNECTIONS} warmup_s=${WARMUP_SECONDS} window_s=${SECONDS} database=${serverKind}`);
  out(`# api: requests=${api.total} p50_ms=${api.p50} non_2xx=${api.non2xx} errors=${api.errors}`);
  out(`# bare: requests=${bare.total} p50_ms=${bare.p50} non_2xx=${bare.non2xx} errors=${bare.errors}`);
  return api.total > 0 && (api.non2xx + api.errors) / api.total <= MAX_FAILURE_RATIO;
}

await withBenchApp(
  "vf_bench_api",
  // The access log stays on: it is part of every request's cost in production.
  { API_KEY_RATE_LIMIT_PER_MINUTE: "100000000", LOG_LEVEL: "info" },
  async (bench) => {
    const key = await apiKeyFor(bench);
    const apiResult = await measure(`${bench.app.baseUrl}/api/v1/credit/balance`, { "x-api-key": key });
    const bare = await startBareServer();
    try {
      if (!report(apiResult, await measure(bare.url, {}), bench.databaseKind)) {
        console.error(`over ${MAX_FAILURE_RATIO * 100}% of API answers were not 200; server log: ${bench.app.logFile}`);
        process.exitCode = 1;
      }
    } finally {
      bare.stop();
    }
  },
);
