/**
 * s3rver in a process of its own (see `startS3rver` in fixtures.ts), so the memory it uses to store
 * what it receives is not counted against the client whose streaming is measured.
 * Arguments: the directory to keep objects in, and the bucket to create.
 */
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";

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

const [directory, bucket] = process.argv.slice(2);
if (!directory || !bucket || !process.send) throw new Error("usage: fork s3rver-main.ts <directory> <bucket>");
const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});
const { port } = await server.run();
process.send({ port });
// The parent closing the channel (it stopped, or died) ends this process.
process.on("disconnect", () => {
  server.close().finally(() => process.exit(0));
});
