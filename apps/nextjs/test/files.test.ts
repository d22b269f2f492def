import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { attachmentDisposition, createStorage, type Storage, storageConfig, storageKeys } from "@videofly/common";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer, TEST_SECRETS } from "./support/app-server";

// The local storage driver's files route (`/api/v1/files/<key>`) of the built app, reached over HTTP
// with URLs signed as the app signs them: its own server, so the test knows its storage directory.
let app: AppServer;
let databaseUrl: string;
let storage: Storage;

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_files");
  app = await startAppServer({ DATABASE_URL: databaseUrl });
  storage = createStorage(
    storageConfig({
      STORAGE_DRIVER: "local",
      STORAGE_LOCAL_DIR: app.storageDir,
      STORAGE_SIGNING_SECRET: TEST_SECRETS.STORAGE_SIGNING_SECRET,
    }),
    { baseUrl: app.baseUrl },
  );
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await dropDatabase(databaseUrl);
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

/** A stored video of `size` random bytes and a signed download URL for it. */
async function storedVideo(size: number, options: { downloadName?: string } = {}) {
  const key = storageKeys.video(randomUUID(), randomUUID());
  const body = randomBytes(size);
  await storage.put(key, Readable.from([body]), { contentType: "video/mp4" });
  const url = await storage.presignDownload(key, { expiresInSeconds: 60, ...options });
  return { key, body, url };
}

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });

describe("GET /api/v1/files/<key> (local storage)", () => {
  it("serves the exact bytes of a multi-megabyte file at its signed URL", async () => {
    const { body, url } = await storedVideo(6 * 1024 * 1024 + 123);
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("content-disposition")).toBeNull();
    expect(sha256(await bytesOf(res))).toBe(sha256(body));
  });

  it("answers byte ranges with 206 and the matching Content-Range", async () => {
    const { body, url } = await storedVideo(1000);
    const cases: [string, number, number][] = [
      ["bytes=0-99", 0, 99],
      ["bytes=-100", 900, 999],
      ["bytes=900-", 900, 999],
      ["bytes=990-5000", 990, 999],
      ["bytes=999-999", 999, 999],
      ["bytes=-5000", 0, 999],
    ];
    for (const [range, start, end] of cases) {
      const res = await get(url, { range });
      expect([res.status, res.headers.get("content-range")], range).toEqual([206, `bytes ${start}-${end}/1000`]);
      expect((await bytesOf(res)).equals(body.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it("answers 416 with the size for a range outside the file", async () => {
    const { url } = await storedVideo(1000);
    for (const range of ["bytes=1000-", "bytes=5000-6000", "bytes=-0"]) {
      const res = await get(url, { range });
      expect(res.status, range).toBe(416);
      expect(res.headers.get("content-range"), range).toBe("bytes */1000");
      expect(((await res.json()) as { error: { code: string } }).error.code, range).toBe("E4160");
    }
  });

  it("serves the whole file for several ranges, other units, malformed ranges and any If-Range", async () => {
    const { body, url } = await storedVideo(1000);
    const whole: Record<string, string>[] = [
      { range: "bytes=0-9,20-29" },
      { range: "items=0-9" },
      { range: "bytes=abc" },
      { range: "bytes=50-10" },
      // No ETag or Last-Modified is ever sent, so no If-Range validator can match.
      { range: "bytes=0-99", "if-range": '"some-etag"' },
      { range: "bytes=0-99", "if-range": new Date().toUTCString() },
    ];
    for (const headers of whole) {
      const res = await get(url, headers);
      expect([res.status, res.headers.get("content-range")], JSON.stringify(headers)).toEqual([200, null]);
      expect((await bytesOf(res)).equals(body), JSON.stringify(headers)).toBe(true);
    }
  });

  it("names the download only as signed", async () => {
    const name = 'My "clip" – ünïcode.mp4';
    const { url } = await storedVideo(10, { downloadName: name });
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(attachmentDisposition(name));
    const renamed = new URL(url);
    renamed.searchParams.set("name", "other.mp4");
    expect((await get(renamed.toString())).status).toBe(403);
    const unnamed = new URL(url);
    unnamed.searchParams.delete("name");
    expect((await get(unnamed.toString())).status).toBe(403);
  });

  it("refuses a tampered or expired signature with 403, and a missing file with 404", async () => {
    const { key, url } = await storedVideo(100);
    const other = await storedVideo(100);
    const tampered = (change: (u: URL) => void) => {
      const u = new URL(url);
      change(u);
      return u.toString();
    };
    const sig = new URL(url).searchParams.get("sig") ?? "";
    const refused = [
      tampered((u) => u.searchParams.set("sig", `${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`)),
      tampered((u) => u.searchParams.delete("sig")),
      tampered((u) => u.searchParams.set("expires", String(Number(u.searchParams.get("expires")) + 3600))),
      tampered((u) => {
        u.pathname = new URL(other.url).pathname;
      }),
      // Signed correctly, but already expired.
      await storage.presignDownload(key, { expiresInSeconds: -1 }),
    ];
    for (const target of refused) {
      const res = await get(target);
      expect(res.status, target).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("E4030");
    }
    const missing = await storage.presignDownload(storageKeys.video(randomUUID(), randomUUID()), {
      expiresInSeconds: 60,
    });
    expect((await get(missing)).status).toBe(404);
    expect((await get(url)).status).toBe(200);
  });
});

describe("PUT /api/v1/files/<key> (local storage)", () => {
  const uploadKey = () => storageKeys.upload("user_files", randomUUID(), "png");

  it("stores the body of a signed upload, which then downloads byte for byte", async () => {
    const key = uploadKey();
    const body = randomBytes(300_000);
    const presigned = await storage.presignUpload(key, {
      contentType: "image/png",
      maxBytes: 1024 * 1024,
      expiresInSeconds: 60,
    });
    const put = await fetch(presigned.url, {
      method: presigned.method,
      headers: presigned.headers,
      body: new Uint8Array(body),
    });
    expect(put.status).toBe(200);
    expect(await storage.head(key)).toEqual({ size: body.length, contentType: "image/png" });
    const res = await get(await storage.presignDownload(key, { expiresInSeconds: 60 }));
    expect([res.status, res.headers.get("content-type")]).toEqual([200, "image/png"]);
    expect((await bytesOf(res)).equals(body)).toBe(true);
  });

  it("refuses another content type, a changed cap or an expired URL with 403, and a body over the cap with 413", async () => {
    const key = uploadKey();
    const presigned = await storage.presignUpload(key, {
      contentType: "image/png",
      maxBytes: 1000,
      expiresInSeconds: 60,
    });
    const send = (url: string, body: Buffer, contentType = "image/png") =>
      fetch(url, { method: "PUT", headers: { "content-type": contentType }, body: new Uint8Array(body) });
    const raised = new URL(presigned.url);
    raised.searchParams.set("maxBytes", "1000000");
    const expired = await storage.presignUpload(key, {
      contentType: "image/png",
      maxBytes: 1000,
      expiresInSeconds: -1,
    });
    expect((await send(presigned.url, randomBytes(10), "text/html")).status).toBe(403);
    expect((await send(raised.toString(), randomBytes(10))).status).toBe(403);
    expect((await send(expired.url, randomBytes(10))).status).toBe(403);
    const tooBig = await send(presigned.url, randomBytes(1001));
    expect(tooBig.status).toBe(413);
    expect(await storage.head(key)).toBeNull();
    expect(await readdir(path.join(app.storageDir, ".tmp")).catch(() => [])).toEqual([]);
  });
});
