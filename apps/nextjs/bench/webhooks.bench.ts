/**
 * `webhooks.deliveries_per_s`: signed webhook deliveries per second through the real delivery path:
 * BENCH_EVENTS events (default 500) emitted in one committed transaction (event, delivery and
 * pg-boss job each), then delivered by a `pnpm worker` process — fetch, sign, POST through the
 * outbound guard, record the attempt — to a local receiver that answers 204. Counted from the
 * commit to the last delivery recorded SUCCEEDED. BENCH_DATABASE_URL or TEST_DATABASE_URL picks a
 * PostgreSQL server, else an embedded one is started. Exits non-zero when a delivery fails.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDatabaseFromTemplate, dropDatabase, startTestDatabaseServer } from "@videofly/db/testing";
import { out } from "./support.ts";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 500);
const env = { WEBHOOK_ALLOW_LOOPBACK: "true", OUTBOUND_ALLOW_HTTP: "true", LOG_LEVEL: "warn" };

async function main() {
  let received = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const server = await startTestDatabaseServer(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
  const databaseUrl = await createDatabaseFromTemplate(server.templateUrl, "bench_webhooks");
  Object.assign(process.env, env, { DATABASE_URL: databaseUrl });
  // Imported after DATABASE_URL is set: the pool and the configuration read it on first use.
  const { db, disconnectDb, pool, transaction } = await import("@videofly/db");
  const { createWebhookEndpoint, emitWebhookEvent } = await import("@videofly/common");
  let worker: ChildProcess | undefined;
  try {
    const userId = `usr_bench_${randomUUID().slice(0, 8)}`;
    await db().user.create({ data: { id: userId, name: "bench", email: `${userId}@example.com` } });
    const endpoint = await createWebhookEndpoint(userId, { url, events: ["video.completed"] });
    worker = spawn(process.execPath, ["--import", "tsx", "src/jobs/worker-main.ts"], {
      cwd: path.resolve(import.meta.dirname, "../../../packages/common"),
      env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const succeeded = async () => {
      const { rows } = await pool().query<{ n: number; failed: number }>(
        `SELECT count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS n, count(*) FILTER (WHERE status = 'FAILED')::int AS failed
           FROM webhook_delivery WHERE "endpointId" = $1`,
        [endpoint.id],
      );
      return rows[0] ?? { n: 0, failed: 0 };
    };
    const emit = (count: number) =>
      transaction(async (client) => {
        for (let i = 0; i < count; i++) {
          await emitWebhookEvent(client, { userId, type: "video.completed", data: { uuid: randomUUID(), i } });
        }
      });
    // Warm-up: the worker is up and has delivered once before the clock starts.
    await emit(1);
    while ((await succeeded()).n < 1) await new Promise((r) => setTimeout(r, 50));
    await emit(EVENTS);
    const started = performance.now();
    let state = await succeeded();
    while (state.n + state.failed < EVENTS + 1) {
      await new Promise((r) => setTimeout(r, 20));
      state = await succeeded();
    }
    const seconds = (performance.now() - started) / 1000;
    out(`webhooks.deliveries_per_s ${(EVENTS / seconds).toFixed(1)}`);
    out(`  ${EVENTS} events in ${seconds.toFixed(2)} s; receiver saw ${received}; failed ${state.failed}`);
    if (state.failed > 0) process.exitCode = 1;
  } finally {
    if (worker && worker.exitCode === null) {
      worker.kill("SIGTERM");
      await new Promise((r) => worker?.once("exit", r));
    }
    await disconnectDb();
    await dropDatabase(databaseUrl).catch(() => {});
    await server.stop();
    await new Promise((r) => receiver.close(r));
  }
}

await main();
