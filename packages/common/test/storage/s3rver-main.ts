/**
 * s3rver in a process of its own (see `startS3rver` in fixtures.ts), so the memory it uses to store
 * what it receives is not counted against the client whose streaming is measured.
 * Arguments: the directory to keep objects in, and the bucket to create.
 */
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  status: number;
  body: unknown;
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface S3rver {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  middleware: Middleware[];
  store: { getResourcePath(bucket: string, key: undefined, resource: string): string };
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

/**
 * s3rver 3.7 implements CreateMultipartUpload, UploadPart and CompleteMultipartUpload but not
 * ListParts or AbortMultipartUpload; these answer them from its own store's folder of parts
 * (`<bucket>/.uploads/<uploadId>/<n>` beside `<n>.md5`) in S3's documented format. Placed before
 * its router and after its XML encoder, which turns the plain-object body into the XML answer.
 */
const multipartExtras: Middleware = async (ctx, next) => {
  const uploadId = ctx.query.uploadId;
  const [, bucketName, ...key] = ctx.path.split("/");
  if (!uploadId || !bucketName || !key.length || !["GET", "DELETE"].includes(ctx.method)) return next();
  const folder = path.join(server.store.getResourcePath(bucketName, undefined, "uploads"), uploadId);
  if (!(await stat(folder).catch(() => null))) {
    ctx.status = 404;
    ctx.body = { Error: { Code: "NoSuchUpload", Message: "The specified upload does not exist." } };
    return;
  }
  if (ctx.method === "DELETE") {
    await rm(folder, { recursive: true, force: true });
    ctx.status = 204;
    return;
  }
  const numbers = (await readdir(folder)).filter((n) => /^\d+$/.test(n)).map(Number);
  const parts = await Promise.all(
    numbers
      .sort((a, b) => a - b)
      .map(async (n) => ({
        PartNumber: n,
        ETag: JSON.stringify((await readFile(path.join(folder, `${n}.md5`), "utf8")).trim()),
        Size: (await stat(path.join(folder, String(n)))).size,
      })),
  );
  ctx.body = {
    ListPartsResult: { Bucket: bucketName, Key: key.join("/"), UploadId: uploadId, IsTruncated: false, Part: parts },
  };
};
// [logger, XML encoder, mount interop, vhost, router]: just before the router.
server.middleware.splice(server.middleware.length - 1, 0, multipartExtras);

const { port } = await server.run();
process.send({ port });
// The parent closing the channel (it stopped, or died) ends this process.
process.on("disconnect", () => {
  server.close().finally(() => process.exit(0));
});
