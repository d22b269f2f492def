/** What the storage tests and the storage bench share: an S3 server (s3rver) and generated bodies. */
import { fork } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

export const MiB = 1024 * 1024;

export interface RunningS3rver {
  /** The environment that points `storageConfig` at this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts s3rver on 127.0.0.1 and a free port, over a fresh directory holding one empty bucket, in a
 * child process: what the server holds while it stores a body must not count as the client's memory.
 */
export async function startS3rver(bucket = "videofly-test"): Promise<RunningS3rver> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "videofly-s3rver-"));
  const child = fork(fileURLToPath(new URL("./s3rver-main.ts", import.meta.url)), [directory, bucket], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`s3rver exited with ${code} before it listened`)));
  });
  return {
    env: {
      STORAGE_DRIVER: "s3",
      S3_BUCKET: bucket,
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_FORCE_PATH_STYLE: "true",
      // s3rver's one built-in account.
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
    },
    async stop() {
      child.disconnect();
      await exited;
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * `totalBytes` of fresh random bytes, made as the consumer reads (never all in memory), and their
 * SHA-256 once the stream has ended. Random chunks also catch parts stored out of order.
 */
export function generatedStream(totalBytes: number, chunkBytes = 256 * 1024): { stream: Readable; sha256(): string } {
  const hash = createHash("sha256");
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced >= totalBytes) {
        this.push(null);
        return;
      }
      const chunk = randomBytes(Math.min(chunkBytes, totalBytes - produced));
      produced += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.copy().digest("hex") };
}

/** Samples the process's resident set every 50 ms; `stop` gives the peak growth over the start. */
export function rssSampler(): { stop(): number } {
  const start = process.memoryUsage().rss;
  let peak = start;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak - start;
    },
  };
}
