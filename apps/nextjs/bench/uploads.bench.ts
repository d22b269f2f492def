/**
 * Uploads in parts on the local driver over loopback, against the built app:
 * - `uploads.part_mb_per_s`: BENCH_UPLOAD_MB (default 200) of 5 MB parts PUT 3 at a time to their
 *   signed URLs, from the first PUT to the last answer;
 * - `uploads.assemble_rss_growth_mb`: the peak growth of the app server's resident memory (VmRSS of
 *   the `next start` process and its node children, sampled every 20 ms from /proc) while a 500 MB
 *   video is assembled, sniffed and probed on complete. It must stay flat: the run fails at 150 MB.
 */
import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { largeVideo, putPart, readSlice, sendParts } from "../test/support/uploads.ts";
import { out, withBenchApp } from "./support.ts";

const MB = 1024 * 1024;
const UPLOAD_MB = Number(process.env.BENCH_UPLOAD_MB ?? 200);
const RSS_LIMIT_MB = 150;

interface Declared {
  uploadId: string;
  partSize: number;
  parts: { partNumber: number; url: string }[];
}

/** The resident memory of `pid` and its node descendants, in bytes (ffprobe, a child too, is not the server). */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const name = /Name:\s+(\S+)/.exec(status)?.[1] ?? "";
  if (!/^(node|next)/.test(name)) return 0;
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  let children = 0;
  for (const task of tasks) {
    const ids = (await readFile(`/proc/${pid}/task/${task}/children`, "utf8").catch(() => ""))
      .split(" ")
      .filter(Boolean);
    for (const id of ids) children += await rssOf(Number(id));
  }
  return kb * 1024 + children;
}

async function main() {
  await withBenchApp("bench_uploads", { LOG_LEVEL: "warn" }, async ({ app, signUpVerified }) => {
    const cookie = await signUpVerified("bench-uploads@example.com");
    const call = async <T>(urlPath: string, method: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${app.baseUrl}/api/v1${urlPath}`, {
        method,
        headers: { cookie, origin: app.baseUrl, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = (await res.json()) as { data: T; error?: unknown };
      if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${JSON.stringify(json.error)}`);
      return json.data;
    };
    const declare = (size: number, fileName: string) =>
      call<Declared>("/uploads", "POST", { fileName, contentType: "video/quicktime", size, purpose: "video" });

    // Throughput: the same 5 MB of bytes for every part, so reading a file costs nothing.
    const size = UPLOAD_MB * MB;
    const declared = await declare(size, "throughput.mov");
    const body = new Uint8Array(await readSlice(process.execPath, 0, 5 * MB));
    const queue = [...declared.parts];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let part = queue.shift(); part; part = queue.shift()) {
          const length = Math.min(declared.partSize, size - (part.partNumber - 1) * declared.partSize);
          const sent = await putPart(part.url, body.subarray(0, length));
          if (sent.status !== 200) throw new Error(`part ${part.partNumber}: ${sent.status}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await call(`/uploads/${declared.uploadId}`, "DELETE");
    out(`uploads.part_mb_per_s=${(size / MB / seconds).toFixed(1)}`);

    // Assembly: a real 500 MB video, its parts sent, then memory sampled through complete.
    // 520 MB (decimal) of 1080p frames: just under the 500 MiB video limit.
    const video = await largeVideo(520, "1920x1080");
    const videoSize = (await stat(video)).size;
    const big = await declare(videoSize, "large.mov");
    const parts = await sendParts(video, videoSize, big);
    await new Promise((r) => setTimeout(r, 1000));
    const baseline = await rssOf(app.pid);
    let peak = baseline;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await rssOf(app.pid));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const assembleStart = performance.now();
    const done = await call<{ facts: { size: number; width: number } }>(`/uploads/${big.uploadId}/complete`, "POST", {
      parts,
    });
    const assembleMs = performance.now() - assembleStart;
    sampling = false;
    await sampler;
    await rm(path.dirname(video), { recursive: true, force: true });
    if (done.facts.size !== videoSize) throw new Error(`assembled ${done.facts.size} of ${videoSize} bytes`);
    const growthMb = (peak - baseline) / MB;
    out(`uploads.assemble_rss_growth_mb=${growthMb.toFixed(1)}`);
    out(
      `# part_upload_mb=${UPLOAD_MB} assembled_mb=${(videoSize / MB).toFixed(1)} assemble_ms=${assembleMs.toFixed(0)} baseline_rss_mb=${(baseline / MB).toFixed(0)}`,
    );
    if (growthMb >= RSS_LIMIT_MB)
      throw new Error(`the server grew ${growthMb.toFixed(1)} MB assembling (limit ${RSS_LIMIT_MB})`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
