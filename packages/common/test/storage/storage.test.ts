import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/errors/index.ts";
import {
  attachmentDisposition,
  createStorage,
  openLocalFile,
  type PresignedUpload,
  type Storage,
  storageConfig,
  storageKeys,
  verifyLocalFileSignature,
  writeLocalUpload,
} from "../../src/storage/index.ts";
import { generatedStream, MiB, type RunningS3rver, rssSampler, startS3rver } from "./fixtures.ts";

const BASE_URL = "http://localhost:3000";
// Odd sizes: a multiple of no chunk or part size.
const SMALL = 6 * MiB + 123;
const MULTIPART = 17 * MiB + 5; // three 8 MB parts on S3
const LARGE = 200 * MiB;

interface Fixture {
  storage: Storage;
  teardown(): Promise<void>;
}

/**
 * The local driver's temp dir. `verifyLocalFileSignature`, `openLocalFile` and `writeLocalUpload`
 * read the process-wide configuration, as the files route will: so the environment is set before
 * anything reads it (and that configuration is cached, hence one directory for the whole file).
 */
const localDir = await mkdtemp(path.join(os.tmpdir(), "videofly-storage-"));
const testEnv = {
  STORAGE_DRIVER: "local",
  STORAGE_LOCAL_DIR: localDir,
  STORAGE_SIGNING_SECRET: "test-signing-secret-of-at-least-32-chars",
};
const savedEnv = Object.fromEntries(Object.keys(testEnv).map((name) => [name, process.env[name]]));
Object.assign(process.env, testEnv);
afterAll(async () => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await rm(localDir, { recursive: true, force: true });
});

/**
 * The local driver. Its signed URLs are served by the app's files route: apps/nextjs/test/files.test.ts
 * fetches them from the built app (ranges, signatures, uploads); here the driver itself is tested.
 */
async function localFixture(): Promise<Fixture> {
  const config = storageConfig();
  if (config.driver !== "local" || config.local.dir !== localDir) throw new Error("storage config was read too early");
  return { storage: createStorage(config, { baseUrl: BASE_URL }), teardown: async () => {} };
}

/** The S3 driver against s3rver, a real S3-protocol server. */
async function s3Fixture(): Promise<Fixture> {
  const server = await startS3rver();
  return { storage: createStorage(storageConfig(server.env), { baseUrl: BASE_URL }), teardown: () => server.stop() };
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const videoKey = () => storageKeys.video(randomUUID(), randomUUID());

async function expectAppError(promise: Promise<unknown>, errorName: AppError["errorName"]): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).errorName).toBe(errorName);
}

describe.each([
  { driver: "local", setup: localFixture },
  { driver: "s3", setup: s3Fixture },
])("$driver driver", ({ driver, setup }) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await setup();
  });
  afterAll(() => fx?.teardown());

  it("streams a body in and reports its size", async () => {
    const key = videoKey();
    expect(fx.storage.driver).toBe(driver);
    const body = generatedStream(SMALL);
    expect(await fx.storage.put(key, body.stream, { contentType: "video/mp4" })).toEqual({ key, size: SMALL });
    expect(await fx.storage.head(key)).toEqual({ size: SMALL, contentType: "video/mp4" });
  });

  it("refuses to sign an upload whose declared size passes the cap", async () => {
    const options = { contentType: "image/png", maxBytes: 1000, expiresInSeconds: 60, contentLength: 1001 };
    await expectAppError(fx.storage.presignUpload(storageKeys.upload("u", "a", "png"), options), "PAYLOAD_TOO_LARGE");
  });

  it("fails a put whose body ends short of its announced length, storing nothing", async () => {
    for (const size of [SMALL, MULTIPART]) {
      const key = videoKey();
      const put = fx.storage.put(key, generatedStream(size).stream, {
        contentType: "video/mp4",
        contentLength: size + 1,
      });
      await expectAppError(put, "STORAGE_UPLOAD_FAILED");
      expect(await fx.storage.head(key)).toBeNull();
    }
  });

  it("fails a put whose source breaks, storing nothing", async () => {
    const key = videoKey();
    // Dies after 10 MB: on S3, once the first part is stored.
    let sent = 0;
    const source = new Readable({
      read() {
        if (sent >= 10 * MiB) {
          this.destroy(new Error("provider hung up"));
          return;
        }
        sent += MiB;
        this.push(randomBytes(MiB));
      },
    });
    const error = await fx.storage.put(key, source, { contentType: "video/mp4" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).errorName).toBe("STORAGE_UPLOAD_FAILED");
    expect(((error as AppError).cause as Error).message).toBe("provider hung up");
    expect(await fx.storage.head(key)).toBeNull();
  });

  it("deletes, and deleting a missing key is fine", async () => {
    const key = videoKey();
    await fx.storage.put(key, Readable.from([Buffer.from("bye")]), { contentType: "video/mp4" });
    await fx.storage.delete(key);
    expect(await fx.storage.head(key)).toBeNull();
    await expect(fx.storage.delete(key)).resolves.toBeUndefined();
    await expect(fx.storage.delete(videoKey())).resolves.toBeUndefined();
  });

  it("deletes everything under a prefix, and nothing beside it", async () => {
    const user = `user_${randomUUID().slice(0, 8)}`;
    const mine = [storageKeys.upload(user, "a", "png"), storageKeys.upload(user, "b", "jpg")];
    const other = storageKeys.upload(`${user}x`, "c", "png");
    for (const key of [...mine, other]) {
      await fx.storage.put(key, Readable.from([Buffer.from(key)]), { contentType: "image/png" });
    }
    await fx.storage.deletePrefix(`uploads/${user}`);
    for (const key of mine) expect(await fx.storage.head(key)).toBeNull();
    expect(await fx.storage.head(other)).not.toBeNull();
    await expect(fx.storage.deletePrefix(`uploads/${user}`)).resolves.toBeUndefined();
    await expectAppError(fx.storage.deletePrefix("../uploads"), "VALIDATION_FAILED");
  });

  it("rejects keys that aren't plain relative paths", async () => {
    const badKeys = [
      "",
      "../etc/passwd",
      "/etc/passwd",
      "videos/../../etc/passwd",
      "videos//a.mp4",
      "videos/./a.mp4",
      "videos/a.mp4/",
      ".tmp/a",
      "videos/a b.mp4",
      "videos/ü.mp4",
      "videos\\a.mp4",
      "videos/a\n.mp4",
      "a".repeat(1025),
    ];
    for (const key of badKeys) {
      await expectAppError(fx.storage.put(key, Readable.from([]), { contentType: "video/mp4" }), "VALIDATION_FAILED");
      await expectAppError(fx.storage.head(key), "VALIDATION_FAILED");
      await expectAppError(fx.storage.delete(key), "VALIDATION_FAILED");
      await expectAppError(fx.storage.presignDownload(key, { expiresInSeconds: 60 }), "VALIDATION_FAILED");
    }
    expect(() => storageKeys.upload("../x", "a", "png")).toThrow(AppError);
    expect(() => storageKeys.video("a/b", "c")).toThrow(AppError);
  });

  it("streams 200 MB without holding it in memory", { timeout: 180_000 }, async () => {
    const key = videoKey();
    const rss = rssSampler();
    const result = await fx.storage.put(key, generatedStream(LARGE, MiB).stream, {
      contentType: "video/mp4",
      contentLength: LARGE,
    });
    const growth = rss.stop();
    console.log(`[${driver}] 200 MB put: peak RSS growth ${(growth / MiB).toFixed(1)} MB`);
    expect(result.size).toBe(LARGE);
    expect((await fx.storage.head(key))?.size).toBe(LARGE);
    // Whole in memory it would be 200 MB and more; streamed, it is a few chunks (S3: up to three 8 MB parts).
    expect(growth).toBeLessThan(150 * MiB);
    await fx.storage.delete(key);
  });
});

// The presigned URLs of S3, fetched as a browser would (the local driver's: apps/nextjs/test/files.test.ts).
describe("s3 driver presigned URLs", () => {
  let fx: Fixture;
  let server: RunningS3rver;
  beforeAll(async () => {
    server = await startS3rver();
    fx = { storage: createStorage(storageConfig(server.env), { baseUrl: BASE_URL }), teardown: () => server.stop() };
  });
  afterAll(() => fx?.teardown());

  const fetchDownload = async (url: string) => {
    const res = await fetch(url);
    if (!res.ok) return null;
    return { bytes: Buffer.from(await res.arrayBuffer()), contentDisposition: res.headers.get("content-disposition") };
  };
  const sendUpload = async (presigned: PresignedUpload, body: Buffer) => {
    const res = await fetch(presigned.url, {
      method: presigned.method,
      headers: presigned.headers,
      body: new Uint8Array(body),
    });
    if (!res.ok) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  };

  it("serves the exact bytes at a presigned download URL", async () => {
    for (const size of [SMALL, MULTIPART]) {
      const key = videoKey();
      const body = generatedStream(size);
      await fx.storage.put(key, body.stream, { contentType: "video/mp4", contentLength: size });
      const url = await fx.storage.presignDownload(key, { expiresInSeconds: 60 });
      const download = await fetchDownload(url);
      expect(download?.bytes.length).toBe(size);
      expect(sha256(download?.bytes ?? Buffer.alloc(0))).toBe(body.sha256());
      expect(download?.contentDisposition).toBeNull();
    }
  });

  it("stops serving a presigned download URL once it has expired", async () => {
    const key = videoKey();
    await fx.storage.put(key, Readable.from([Buffer.from("video")]), { contentType: "video/mp4" });
    const url = await fx.storage.presignDownload(key, { expiresInSeconds: 1 });
    expect((await fetchDownload(url))?.bytes.toString()).toBe("video");
    await new Promise((r) => setTimeout(r, 2100));
    expect(await fetchDownload(url)).toBeNull();
  });

  it("names the download when asked", async () => {
    const key = videoKey();
    await fx.storage.put(key, Readable.from([Buffer.from("video")]), { contentType: "video/mp4" });
    const name = 'My "clip" – ünïcode.mp4';
    const download = await fetchDownload(
      await fx.storage.presignDownload(key, { expiresInSeconds: 60, downloadName: name }),
    );
    expect(download?.bytes.toString()).toBe("video");
    expect(download?.contentDisposition).toBe(attachmentDisposition(name));
    expect(attachmentDisposition(name)).toBe(
      `attachment; filename="My _clip_ _ _n_code.mp4"; filename*=UTF-8''My%20%22clip%22%20%E2%80%93%20%C3%BCn%C3%AFcode.mp4`,
    );
  });

  it("accepts an upload at a presigned URL", async () => {
    const key = storageKeys.upload("user_1", randomUUID(), "PNG");
    expect(key).toMatch(/^uploads\/user_1\/[0-9a-f-]{36}\.png$/);
    const body = randomBytes(300_000);
    const presigned = await fx.storage.presignUpload(key, {
      contentType: "image/png",
      maxBytes: MiB,
      expiresInSeconds: 60,
    });
    expect(presigned).toMatchObject({ method: "PUT", headers: { "Content-Type": "image/png" } });
    expect(presigned.expiresAt.getTime()).toBeGreaterThan(Date.now() + 55_000);
    await sendUpload(presigned, body);
    expect(await fx.storage.head(key)).toEqual({ size: body.length, contentType: "image/png" });
    const download = await fetchDownload(await fx.storage.presignDownload(key, { expiresInSeconds: 60 }));
    expect(download?.bytes.equals(body)).toBe(true);
  });
});

describe("local driver signatures", () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await localFixture();
  });
  afterAll(() => fx?.teardown());

  async function signedDownload(key: string) {
    const url = new URL(await fx.storage.presignDownload(key, { expiresInSeconds: 60 }));
    return {
      key,
      method: "GET" as const,
      expires: url.searchParams.get("expires") ?? "",
      signature: url.searchParams.get("sig") ?? "",
    };
  }

  it("accepts the URL as signed, and nothing else", async () => {
    const key = videoKey();
    const signed = await signedDownload(key);
    expect(verifyLocalFileSignature(signed)).toBe(true);

    const sig = signed.signature;
    const flipped = `${sig.slice(0, 10)}${sig[10] === "A" ? "B" : "A"}${sig.slice(11)}`;
    expect(verifyLocalFileSignature({ ...signed, signature: flipped })).toBe(false);
    expect(verifyLocalFileSignature({ ...signed, signature: `${sig}A` })).toBe(false);
    expect(verifyLocalFileSignature({ ...signed, signature: "" })).toBe(false);
    expect(verifyLocalFileSignature({ ...signed, key: videoKey() })).toBe(false);
    expect(verifyLocalFileSignature({ ...signed, key: `${key}/../${key}` })).toBe(false);
    expect(verifyLocalFileSignature({ ...signed, method: "PUT" })).toBe(false);
    expect(verifyLocalFileSignature({ ...signed, expires: Number(signed.expires) + 3600 })).toBe(false);
    expect(verifyLocalFileSignature({ ...signed, expires: `${signed.expires}x` })).toBe(false);
    expect(verifyLocalFileSignature({ ...signed, downloadName: "other.mp4" })).toBe(false);
  });

  it("refuses an expired URL", async () => {
    const signed = await signedDownload(videoKey());
    const expiresMs = Number(signed.expires) * 1000;
    expect(verifyLocalFileSignature(signed, expiresMs - 1)).toBe(true);
    expect(verifyLocalFileSignature(signed, expiresMs)).toBe(false);
  });

  it("binds an upload URL to its content type and cap", async () => {
    const key = storageKeys.upload("user_1", randomUUID(), "png");
    const presigned = await fx.storage.presignUpload(key, {
      contentType: "image/png",
      maxBytes: 5000,
      expiresInSeconds: 60,
    });
    const query = new URL(presigned.url).searchParams;
    const signed = {
      key,
      method: "PUT" as const,
      expires: query.get("expires") ?? "",
      signature: query.get("sig") ?? "",
      contentType: "image/png",
      maxBytes: query.get("maxBytes") ?? "",
    };
    expect(signed.maxBytes).toBe("5000");
    expect(verifyLocalFileSignature(signed)).toBe(true);
    expect(verifyLocalFileSignature({ ...signed, contentType: "text/html" })).toBe(false);
    expect(verifyLocalFileSignature({ ...signed, maxBytes: 5001 })).toBe(false);
    expect(verifyLocalFileSignature({ ...signed, maxBytes: undefined })).toBe(false);
    expect(verifyLocalFileSignature({ ...signed, method: "GET" })).toBe(false);
  });

  it("signs a declared upload size as the cap", async () => {
    const presigned = await fx.storage.presignUpload(storageKeys.upload("u", "a", "png"), {
      contentType: "image/png",
      maxBytes: 5000,
      contentLength: 1234,
      expiresInSeconds: 60,
    });
    expect(new URL(presigned.url).searchParams.get("maxBytes")).toBe("1234");
  });

  it("stops an upload at its cap and keeps nothing of it", async () => {
    const key = storageKeys.upload("user_1", randomUUID(), "png");
    const upload = writeLocalUpload(key, generatedStream(2 * MiB).stream, { maxBytes: MiB });
    await expectAppError(upload, "PAYLOAD_TOO_LARGE");
    expect(await fx.storage.head(key)).toBeNull();
    expect(await readdir(path.join(localDir, ".tmp"))).toEqual([]);
    await expect(writeLocalUpload(key, Readable.from([Buffer.alloc(MiB)]), { maxBytes: MiB })).resolves.toEqual({
      key,
      size: MiB,
    });
  });

  it("opens a byte range, and nothing for a missing file", async () => {
    const key = videoKey();
    await fx.storage.put(key, Readable.from([Buffer.from("0123456789abcdef")]), { contentType: "video/mp4" });
    const file = await openLocalFile(key, { start: 10, end: 13 });
    expect(file?.size).toBe(16);
    expect(file?.contentType).toBe("video/mp4");
    expect((await buffer(file?.stream ?? Readable.from([]))).toString()).toBe("abcd");
    expect(await openLocalFile(videoKey())).toBeNull();
    expect(await openLocalFile("videos")).toBeNull();
    await expectAppError(openLocalFile("../secret"), "VALIDATION_FAILED");
  });

  it("has no permanent public URLs", () => {
    expect(fx.storage.publicUrl(videoKey())).toBeNull();
  });
});

describe("s3 driver URLs", () => {
  it("signs the content type and a declared size into upload URLs", async () => {
    const storage = createStorage(
      storageConfig({ STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s" }),
      { baseUrl: BASE_URL },
    );
    const key = storageKeys.upload("u", "a", "png");
    const options = { contentType: "image/png", maxBytes: 5000, expiresInSeconds: 60 };
    const signedHeaders = async (extra: { contentLength?: number }) =>
      new URL((await storage.presignUpload(key, { ...options, ...extra })).url).searchParams.get("X-Amz-SignedHeaders");
    expect(await signedHeaders({})).toBe("content-type;host");
    expect(await signedHeaders({ contentLength: 1234 })).toBe("content-length;content-type;host");
  });

  it("builds public URLs from STORAGE_PUBLIC_URL", () => {
    const env = { STORAGE_DRIVER: "s3", S3_BUCKET: "b" };
    const key = videoKey();
    const bare = createStorage(storageConfig(env), { baseUrl: BASE_URL });
    expect(bare.publicUrl(key)).toBeNull();
    const pub = createStorage(storageConfig({ ...env, STORAGE_PUBLIC_URL: "https://cdn.example.com/media/" }), {
      baseUrl: BASE_URL,
    });
    expect(pub.publicUrl(key)).toBe(`https://cdn.example.com/media/${key}`);
  });
});
