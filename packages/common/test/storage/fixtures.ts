/** What the storage tests and the storage bench share: an in-process S3 server and generated bodies. */
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";

export const MiB = 1024 * 1024;

// s3rver ships no types; this is the part of its API used here.
interface S3rver {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rver;
const S3rver = createRequire(import.meta.url)("s3rver") as S3rverConstructor;

export interface RunningS3rver {
  /** The environment that points `storageConfig` at this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1 and a free port, over a fresh directory holding one empty bucket. */
export async function startS3rver(bucket = "videofly-test"): Promise<RunningS3rver> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "videofly-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
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
      await server.close();
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
