/**
 * `video.generate_req_per_s`: accepted `POST /api/v1/video/generate` requests per second, 20 clients
 * in a closed loop (each sends its next request when the last one answers) against the built app
 * (`next start`) on a fresh database. `pnpm bench` here, or `pnpm bench` at the root through turbo.
 *
 * The demo provider "renders" for 10 minutes, so every video stays GENERATING and only the request
 * path itself (auth, validation, credits, the insert, the provider's submit) is measured.
 * BENCH_SECONDS sets the window (default 5); BENCH_DATABASE_URL or TEST_DATABASE_URL picks a
 * PostgreSQL server, else an embedded one is started. Exits non-zero when over 1% of requests fail.
 */
import { performance } from "node:perf_hooks";
import { type BenchApp, out, withBenchApp } from "./support.ts";

const CONCURRENCY = 20;
const WARMUP_MS = 1000;
const WINDOW_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const MAX_FAILURE_RATIO = 0.01;
const BODY = JSON.stringify({
  // The catalogue's Kling entry (kling-2.1 until d02a1e3); an unknown model would be a 400 every time.
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO",
  prompt: "bench",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
});

interface Tally {
  accepted: number;
  /** Non-201 answers by status ("fetch" for a request that got no answer), warm-up included. */
  failures: Map<string, number>;
  /** The first answer of each failing status, to tell why without opening the server log. */
  samples: Map<string, string>;
  total: number;
  /** Latencies (ms) of the requests that finished inside the window, whatever their status. */
  latencies: number[];
}

async function client(baseUrl: string, cookie: string, windowStart: number, windowEnd: number, tally: Tally) {
  const headers = { "content-type": "application/json", cookie, origin: baseUrl };
  while (performance.now() < windowEnd) {
    const started = performance.now();
    let status: string;
    let text = "";
    try {
      const res = await fetch(`${baseUrl}/api/v1/video/generate`, { method: "POST", headers, body: BODY });
      // Read the body in full: the request is not done (nor the connection reusable) before.
      text = await res.text();
      status = String(res.status);
    } catch (error) {
      status = "fetch";
      text = String(error);
    }
    const finished = performance.now();
    tally.total++;
    if (status !== "201") {
      tally.failures.set(status, (tally.failures.get(status) ?? 0) + 1);
      if (!tally.samples.has(status)) tally.samples.set(status, text.slice(0, 300));
    }
    // Only answers that arrive inside the window count; the last, straddling ones are dropped.
    if (started >= windowStart && finished <= windowEnd) {
      tally.latencies.push(finished - started);
      if (status === "201") tally.accepted++;
    }
  }
}

/** Nearest-rank percentile. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function run(bench: BenchApp): Promise<boolean> {
  const baseUrl = bench.app.baseUrl;
  const cookies = await Promise.all(
    Array.from({ length: CONCURRENCY }, (_, i) => bench.signUpVerified(`bench-${i}-${Date.now()}@videofly.test`)),
  );
  const tally: Tally = { accepted: 0, failures: new Map(), samples: new Map(), total: 0, latencies: [] };
  const windowStart = performance.now() + WARMUP_MS;
  const windowEnd = windowStart + WINDOW_MS;
  await Promise.all(cookies.map((cookie) => client(baseUrl, cookie, windowStart, windowEnd, tally)));

  const sorted = tally.latencies.sort((a, b) => a - b);
  const failed = [...tally.failures.values()].reduce((a, b) => a + b, 0);
  out(`video.generate_req_per_s=${(tally.accepted / (WINDOW_MS / 1000)).toFixed(1)}`);
  out(`# concurrency=${CONCURRENCY} warmup_s=${WARMUP_MS / 1000} window_s=${WINDOW_MS / 1000}`);
  out(`# accepted_in_window=${tally.accepted} requests_total=${tally.total}`);
  const byStatus = [...tally.failures].map(([s, n]) => `${s}:${n}`).join(",");
  out(`# non_201=${failed}${byStatus ? ` (${byStatus})` : ""}`);
  for (const [s, sample] of tally.samples) out(`# non_201 ${s} first body: ${sample.replace(/\s+/g, " ")}`);
  out(`# latency_ms p50=${percentile(sorted, 50).toFixed(1)} p95=${percentile(sorted, 95).toFixed(1)}`);
  out(`# server=${bench.databaseKind}`);
  return tally.total > 0 && failed / tally.total <= MAX_FAILURE_RATIO;
}

await withBenchApp(
  "vf_bench",
  {
    // Videos stay GENERATING for the whole run: no completion or copy work competes with requests.
    DEMO_PROVIDER_DELAY_MS: "600000",
    // Neither the per-user concurrency cap nor the credits run out, so every request can be a 201.
    VIDEO_MAX_CONCURRENT: "1000000",
    SIGNUP_BONUS_CREDITS: "1000000",
    // Per-request info logs would measure the logger as much as the route.
    LOG_LEVEL: "warn",
  },
  async (bench) => {
    if (!(await run(bench))) {
      console.error(`over ${MAX_FAILURE_RATIO * 100}% of requests were not 201; server log: ${bench.app.logFile}`);
      process.exitCode = 1;
    }
  },
);
