/**
 * `lighthouse.<path>.<category>`: Lighthouse's performance, accessibility and best-practices scores
 * (0–100, desktop settings) for /, /pricing, /create and /videos of the built app (`next start`),
 * in Debian's Chromium, headless. /create and /videos are measured signed in (a verified user's
 * session cookie on every request). The goals are the product's: performance ≥ 90, accessibility
 * ≥ 95, best practices ≥ 95; they are printed next to each score, not enforced (the figures move
 * with the machine's load). BENCH_DATABASE_URL or TEST_DATABASE_URL picks a PostgreSQL server,
 * else an embedded one is started.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CHROMIUM, findDebianPackage, systemHost } from "@videofly/common/testing";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { freePort } from "../test/support/app-server.ts";
import { out, withBenchApp } from "./support.ts";

const PAGES = [
  { path: "/", signedIn: false },
  { path: "/pricing", signedIn: false },
  { path: "/create", signedIn: true },
  { path: "/videos", signedIn: true },
];
const GOALS = { performance: 90, accessibility: 95, "best-practices": 95 } as const;

/** Chromium, headless, answering the DevTools protocol on `port`, with the network chatter off. */
async function startChromium(): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    findDebianPackage(CHROMIUM, systemHost()),
    [
      "--headless=new",
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${mkdtempSync(path.join(tmpdir(), "videofly-lighthouse-"))}`,
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "about:blank",
    ],
    { stdio: "ignore" },
  );
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error(`chromium exited with ${child.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${port}/json/version`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { port, child };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error("chromium did not open its debugging port");
}

interface Scores {
  score: Record<string, number>;
  /** Per category, the weighted audits that did not pass: what to fix to raise the score. */
  missed: Record<string, string[]>;
}

async function scores(url: string, port: number, cookie: string | null): Promise<Scores> {
  const result = await lighthouse(
    url,
    { port, output: "json", logLevel: "error", extraHeaders: cookie ? { cookie } : undefined },
    desktopConfig,
  );
  if (!result) throw new Error(`lighthouse gave no result for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const categories = Object.keys(GOALS);
  // The console's errors, named: "errors-in-console" alone does not say what to fix.
  const details = lhr.audits["errors-in-console"]?.details as
    | { items?: { description?: string; sourceLocation?: { url?: string } }[] }
    | undefined;
  for (const e of details?.items ?? []) {
    out(`# ${new URL(url).pathname} console error: ${e.description} (${e.sourceLocation?.url ?? "no source"})`);
  }
  const missed = (c: string) =>
    (lhr.categories[c]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => ref.id);
  return {
    score: Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])),
    missed: Object.fromEntries(categories.map((c) => [c, missed(c)])),
  };
}

await withBenchApp("vf_bench_lighthouse", {}, async (bench) => {
  const cookie = await bench.signUpVerified(`lighthouse-${Date.now()}@videofly.test`);
  const chromium = await startChromium();
  try {
    for (const page of PAGES) {
      const url = `${bench.app.baseUrl}${page.path}`;
      const session = page.signedIn ? cookie : null;
      // One visit first, so that the score is the page's, not the server's first render of its route.
      await fetch(url, { headers: session ? { cookie: session } : {} });
      const measured = await scores(url, chromium.port, session);
      for (const [category, goal] of Object.entries(GOALS)) {
        out(`lighthouse.${page.path}.${category}=${measured.score[category]} (goal ≥ ${goal})`);
      }
      for (const [category, audits] of Object.entries(measured.missed)) {
        if (audits.length > 0) out(`# ${page.path} ${category} missed: ${audits.join(", ")}`);
      }
    }
    out(
      `# lighthouse desktop settings, chromium headless, signed in for /create and /videos, database=${bench.databaseKind}`,
    );
  } finally {
    chromium.child.kill("SIGTERM");
  }
});
