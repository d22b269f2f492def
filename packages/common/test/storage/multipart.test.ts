import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/errors/index.ts";
import {
  createStorage,
  type Storage,
  storageConfig,
  storageKeys,
  verifyLocalFileSignature,
  writeLocalPart,
} from "../../src/storage/index.ts";
import { MiB, startS3rver } from "./fixtures.ts";

const BASE_URL = "http://localhost:3000";
const PART = 5 * MiB;

// As in storage.test.ts: the local driver's route-side functions read the process-wide config.
const localDir = await mkdtemp(path.join(os.tmpdir(), "videofly-multipart-"));
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

interface Fixture {
  storage: Storage;
  /** PUTs a part's bytes to its signed URL as a client would; answers the status and the ETag. */
  putPart(url: string, body: Buffer): Promise<{ status: number; etag: string | null }>;
  teardown(): Promise<void>;
}

/** The local driver; the files route's part handling is what these calls do (apps/nextjs tests it over HTTP). */
async function localFixture(): Promise<Fixture> {
  const storage = createStorage(storageConfig(), { baseUrl: BASE_URL });
  return {
    storage,
    async putPart(url, body) {
      const u = new URL(url);
      const q = u.searchParams;
      const key = u.pathname.replace("/api/v1/files/", "");
      const part = `${q.get("uploadId")}/${q.get("partNumber")}`;
      const signature = { key, method: "PUT" as const, expires: q.get("expires") ?? "", signature: q.get("sig") ?? "" };
      if (!verifyLocalFileSignature({ ...signature, maxBytes: q.get("maxBytes") ?? "", part })) {
        return { status: 403, etag: null };
      }
      try {
        const stored = await writeLocalPart(
          q.get("uploadId") ?? "",
          Number(q.get("partNumber")),
          Readable.from([body]),
          {
            bytes: Number(q.get("maxBytes")),
          },
        );
        return { status: 200, etag: stored.etag };
      } catch (error) {
        return { status: (error as AppError).status ?? 500, etag: null };
      }
    },
    teardown: async () => {},
  };
}

async function s3Fixture(): Promise<Fixture> {
  const server = await startS3rver();
  return {
    storage: createStorage(storageConfig(server.env), { baseUrl: BASE_URL }),
    async putPart(url, body) {
      const res = await fetch(url, { method: "PUT", body: new Uint8Array(body) });
      await res.arrayBuffer();
      return { status: res.status, etag: res.headers.get("etag") };
    },
    teardown: () => server.stop(),
  };
}

const md5 = (bytes: Buffer) => createHash("md5").update(bytes).digest("hex");
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const uploadKey = () => storageKeys.upload(`usr_${randomUUID().slice(0, 8)}`, randomUUID(), "mp4");

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each([
  { driver: "local", setup: localFixture },
  { driver: "s3", setup: s3Fixture },
])("$driver driver: multipart uploads", ({ setup }) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await setup();
  });
  afterAll(() => fx?.teardown());

  /** A started upload of `sizes` random parts, each sent once; answers what the client would keep. */
  async function sendParts(key: string, sizes: number[]) {
    const { multipartId } = await fx.storage.createMultipart(key, { contentType: "video/mp4" });
    const bodies = sizes.map((size) => randomBytes(size));
    const etags: string[] = [];
    // Out of order, as parallel uploads finish.
    for (const i of [...bodies.keys()].reverse()) {
      const body = bodies[i] as Buffer;
      const signed = await fx.storage.presignPart(key, multipartId, i + 1, {
        contentLength: body.length,
        expiresInSeconds: 60,
      });
      const sent = await fx.putPart(signed.url, body);
      expect(sent.status).toBe(200);
      etags[i] = sent.etag ?? "";
    }
    return { multipartId, bodies, etags, parts: etags.map((etag, i) => ({ partNumber: i + 1, etag })) };
  }

  it("lists the parts received and assembles them in order, byte for byte", async () => {
    const key = uploadKey();
    const sizes = [PART, PART, MiB + 7];
    const { multipartId, bodies, etags, parts } = await sendParts(key, sizes);
    expect(etags.map((e) => e.replace(/"/g, ""))).toEqual(bodies.map(md5));
    const listed = await fx.storage.listParts(key, multipartId);
    expect(listed.map((p) => [p.partNumber, p.size, p.etag])).toEqual(bodies.map((b, i) => [i + 1, b.length, md5(b)]));

    expect(await fx.storage.completeMultipart(key, multipartId, parts)).toEqual({ size: PART * 2 + MiB + 7 });
    const whole = Buffer.concat(bodies);
    expect((await fx.storage.head(key))?.size).toBe(whole.length);
    if (fx.storage.driver === "s3") {
      const res = await fetch(await fx.storage.presignDownload(key, { expiresInSeconds: 60 }));
      expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(whole));
    }
    expect((await fx.storage.readHead(key, 16)).equals(whole.subarray(0, 16))).toBe(true);
    if (fx.storage.driver === "local") {
      expect(await readdir(path.join(localDir, ".multipart"))).not.toContain(multipartId);
      expect(sha256(await readFile(path.join(localDir, key)))).toBe(sha256(whole));
    }
  });

  it("refuses to assemble a part never received, or one whose ETag differs, naming the field", async () => {
    const key = uploadKey();
    const { multipartId, parts } = await sendParts(key, [PART, 1000]);
    const missing = await appErrorOf(
      fx.storage.completeMultipart(key, multipartId, [...parts, { partNumber: 3, etag: parts[0]?.etag ?? "" }]),
    );
    expect(missing.errorName).toBe("VALIDATION_FAILED");
    expect(missing.details).toMatchObject({ fields: [{ field: "parts[2].partNumber", code: "part_not_received" }] });
    const wrong = await appErrorOf(
      fx.storage.completeMultipart(key, multipartId, [
        parts[0] as never,
        { partNumber: 2, etag: md5(Buffer.from("x")) },
      ]),
    );
    expect(wrong.details).toMatchObject({ fields: [{ field: "parts[1].etag", code: "etag_mismatch" }] });
    expect(await fx.storage.head(key)).toBeNull();
    // Still whole: the right list assembles.
    expect(await fx.storage.completeMultipart(key, multipartId, parts)).toEqual({ size: PART + 1000 });
  });

  it("signs each part's length, and takes a part sent again in place of the first", async () => {
    const key = uploadKey();
    const { multipartId } = await fx.storage.createMultipart(key, { contentType: "video/mp4" });
    const body = randomBytes(PART);
    const signed = await fx.storage.presignPart(key, multipartId, 1, { contentLength: PART, expiresInSeconds: 60 });
    const truncated = await fx.putPart(signed.url, body.subarray(0, PART - 10));
    if (fx.storage.driver === "local") {
      expect(truncated.status).toBe(400);
      expect(await fx.storage.listParts(key, multipartId)).toEqual([]);
    } else {
      // AWS refuses it (Content-Length is a signed header); s3rver checks no signature and keeps
      // it, so listParts shows its real size, which is what the uploads service checks on complete.
      expect(new URL(signed.url).searchParams.get("X-Amz-SignedHeaders")).toContain("content-length");
      expect((await fx.storage.listParts(key, multipartId)).map((p) => p.size)).toEqual([PART - 10]);
    }
    const retried = await fx.putPart(signed.url, body);
    expect(retried.status).toBe(200);
    expect(await fx.storage.listParts(key, multipartId)).toEqual([{ partNumber: 1, etag: md5(body), size: PART }]);
    await fx.storage.abortMultipart(key, multipartId);
  });

  it("aborts: the parts go, nothing is stored, and aborting again is fine", async () => {
    const key = uploadKey();
    const { multipartId, parts } = await sendParts(key, [1000]);
    await fx.storage.abortMultipart(key, multipartId);
    await expect(fx.storage.completeMultipart(key, multipartId, parts)).rejects.toThrow();
    expect(await fx.storage.head(key)).toBeNull();
    await expect(fx.storage.abortMultipart(key, multipartId)).resolves.toBeUndefined();
  });
});

describe("local driver: signed part URLs", () => {
  it("sign the upload, the part number and the size: changing any of them is refused", async () => {
    const storage = createStorage(storageConfig(), { baseUrl: BASE_URL });
    const key = uploadKey();
    const { multipartId } = await storage.createMultipart(key, { contentType: "video/mp4" });
    const signed = new URL(
      (await storage.presignPart(key, multipartId, 2, { contentLength: 100, expiresInSeconds: 60 })).url,
    );
    const q = signed.searchParams;
    const input = {
      key,
      method: "PUT" as const,
      expires: q.get("expires") ?? "",
      signature: q.get("sig") ?? "",
      maxBytes: q.get("maxBytes") ?? "",
      part: `${multipartId}/2`,
    };
    expect(verifyLocalFileSignature(input)).toBe(true);
    expect(verifyLocalFileSignature({ ...input, part: `${multipartId}/3` })).toBe(false);
    expect(verifyLocalFileSignature({ ...input, maxBytes: "101" })).toBe(false);
    expect(verifyLocalFileSignature({ ...input, part: undefined })).toBe(false);
    await storage.abortMultipart(key, multipartId);
    const gone = await appErrorOf(writeLocalPart(multipartId, 2, Readable.from([randomBytes(100)]), { bytes: 100 }));
    expect(gone.errorName).toBe("NOT_FOUND");
  });
});
