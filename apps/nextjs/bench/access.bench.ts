/**
 * `access.play_req_per_s` and `access.play_p99_ms`: `GET /api/v1/video/{uuid}/play` of a public
 * video by anonymous viewers, 50 connections against the built app: the whole door (the route
 * wrapper, the video, the owner's plan, the decision, a signed URL) with its audit row written
 * after each response. Then `access.audit_rows_per_request` (at least 1: none lost; a request cut off
 * in flight at the window's end still gets its row) and
 * `access.audit_drain_ms`, how long after the load the last rows landed. BENCH_SECONDS sets the
 * window (default 10). Exits non-zero when over 1% of the answers are not 200 or rows are lost.
 */
import { randomUUID } from "node:crypto";
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { createDatabase } from "@videofly/db";
import autocannon from "autocannon";
import { out, withBenchApp } from "./support.ts";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SAMPLE = path.resolve(import.meta.dirname, "../public/demo/sample.mp4");

await withBenchApp("vf_bench_access", {}, async ({ app, databaseKind, databaseUrl, signUpVerified }) => {
  const database = createDatabase(databaseUrl, 2);
  const client = database.pool;
  try {
    const email = `access-bench-${Date.now()}@videofly.test`;
    await signUpVerified(email);
    const uuid = randomUUID();
    const key = `videos/${uuid}/${randomUUID().replaceAll("-", "")}.mp4`;
    mkdirSync(path.join(app.storageDir, path.dirname(key)), { recursive: true });
    copyFileSync(SAMPLE, path.join(app.storageDir, key));
    await client.query(
      `INSERT INTO video (uuid, "userId", status, model, mode, prompt, duration, "aspectRatio", quality, "creditsCost",
                          "storageKey", visibility, "completedAt", "updatedAt")
       SELECT $1, id, 'COMPLETED', 'kling-2.6', 'TEXT_TO_VIDEO', 'bench', 5, '16:9', 'standard', 1, $2, 'PUBLIC', now(), now()
         FROM "user" WHERE email = $3`,
      [uuid, key, email],
    );
    const url = `${app.baseUrl}/api/v1/video/${uuid}/play`;
    await autocannon({ url, connections: CONNECTIONS, duration: 2 });
    const rows = async () =>
      Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM video_access_log`)).rows[0]?.n ?? 0);
    // The warm-up's rows land after its responses: count from when they stopped coming.
    let before = await rows();
    for (let settled = 0; settled < 4; ) {
      await new Promise((r) => setTimeout(r, 50));
      const now = await rows();
      settled = now === before ? settled + 1 : 0;
      before = now;
    }
    const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
    const ended = Date.now();
    const answered = result.requests.total;
    let written = (await rows()) - before;
    while (written < answered && Date.now() - ended < 30_000) {
      await new Promise((r) => setTimeout(r, 50));
      written = (await rows()) - before;
    }
    const drainMs = Date.now() - ended;
    out(`access.play_req_per_s=${result.requests.average.toFixed(1)}`);
    out(`access.play_p50_ms=${result.latency.p50.toFixed(1)}`);
    out(`access.play_p99_ms=${result.latency.p99.toFixed(1)}`);
    out(`access.audit_rows_per_request=${(written / answered).toFixed(4)}`);
    out(`access.audit_drain_ms=${drainMs}`);
    out(`# connections=${CONNECTIONS} window_s=${SECONDS} database=${databaseKind} requests=${answered}`);
    out(`# non_2xx=${result.non2xx} errors=${result.errors + result.timeouts}`);
    const failures = result.non2xx + result.errors + result.timeouts;
    if (failures > answered * 0.01 || written < answered) process.exitCode = 1;
  } finally {
    await database.close();
  }
});
