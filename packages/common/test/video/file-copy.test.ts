import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { db } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantCredits } from "../../src/credits/index.ts";
import { ffmpegPath, runTool } from "../../src/media/index.ts";
import { storageKeys } from "../../src/storage/index.ts";
import { files } from "../../src/video/files.ts";
import { generateVideo, processDueVideos, retryVideo } from "../../src/video/index.ts";
import { type FakeApi, startFakeApi } from "../ai/fake-api.ts";
import { createUser } from "../credits/support.ts";
import { rssSampler } from "../storage/fixtures.ts";

// The copy of a finished video, under the default outbound policy (no private addresses; plain
// http, as in development). The demo provider's file comes from the app (APP_URL, trusted as our
// own origin) and this test decides what that file is; Kie (a fake) points at whatever URL it is told.
const MiB = 1024 * 1024;
const CAP = 128 * MiB;
const SAMPLE = readFileSync(path.resolve(import.meta.dirname, "../../../../apps/nextjs/public/demo/sample.mp4"));
let WEBM: Buffer;
/** An MP4's `ftyp` box, then noise: the magic of a video, the body of none (ffprobe finds no `moov`). */
const CORRUPT_MP4 = Buffer.concat([SAMPLE.subarray(0, SAMPLE.readUInt32BE(0)), randomBytes(256 * 1024)]);
const HTML = "<!DOCTYPE html><html><body>Your video is ready! <a href='/x'>Download</a></body></html>";

type AppFile =
  | "mp4"
  | "webm"
  | "html"
  | "corrupt mp4"
  | "declared too big"
  | "endless"
  | "large"
  | "redirect to loopback"
  | "503";
let appFile: AppFile = "mp4";
let app: Server;
let target: Server;
let targetHits = 0;
let kie: FakeApi;
let kieResultUrl = "";

const FILLER = randomBytes(256 * 1024);

/**
 * A real MP4 (the sample) padded with a `free` box of filler up to `totalBytes`, as the reader takes
 * it (never all in memory): a valid file of any size, which ffprobe reads. Endless without a total.
 */
function mp4Stream(totalBytes: number | null): Readable {
  const free = Buffer.alloc(8);
  free.writeUInt32BE(totalBytes === null ? 0xffffffff : totalBytes - SAMPLE.length, 0);
  free.write("free", 4, "latin1");
  const head = Buffer.concat([SAMPLE, free]);
  let sent = 0;
  return new Readable({
    read() {
      if (totalBytes !== null && sent >= totalBytes) return void this.push(null);
      const chunk = sent === 0 ? head : FILLER;
      const size = totalBytes === null ? chunk.length : Math.min(chunk.length, totalBytes - sent);
      sent += size;
      this.push(chunk.subarray(0, size));
    },
  });
}

function serveAppFile(res: ServerResponse) {
  switch (appFile) {
    case "mp4":
      return res.writeHead(200, { "content-type": "video/mp4" }).end(SAMPLE);
    case "webm":
      return res.writeHead(200, { "content-type": "video/webm" }).end(WEBM);
    case "html":
      return res.writeHead(200, { "content-type": "text/html" }).end(HTML);
    case "corrupt mp4":
      return res.writeHead(200, { "content-type": "video/mp4" }).end(CORRUPT_MP4);
    case "declared too big":
      res.writeHead(200, { "content-type": "video/mp4", "content-length": String(CAP + 1) });
      return mp4Stream(CAP + 1).pipe(res);
    case "endless":
      // No length at all: chunked, for as long as anyone reads.
      res.writeHead(200, { "content-type": "video/mp4" });
      return mp4Stream(null).pipe(res);
    case "large":
      res.writeHead(200, { "content-type": "video/mp4", "content-length": String(CAP - MiB) });
      return mp4Stream(CAP - MiB).pipe(res);
    case "redirect to loopback":
      return res.writeHead(302, { location: `${origin(target)}/video.mp4` }).end();
    case "503":
      return res.writeHead(503).end();
  }
}

const origin = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  const webm = path.join(mkdtempSync(path.join(tmpdir(), "videofly-webm-")), "sample.webm");
  await runTool(ffmpegPath(), [
    ...["-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=1"],
    ...["-c:v", "libvpx", "-b:v", "200k", "-f", "webm", webm],
  ]);
  WEBM = readFileSync(webm);
  app = createServer((req, res) => (req.url === "/demo/sample.mp4" ? serveAppFile(res) : res.writeHead(404).end()));
  target = createServer((_req, res) => {
    targetHits += 1;
    res.writeHead(200, { "content-type": "video/mp4" }).end(SAMPLE);
  });
  await Promise.all([app, target].map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve))));
  let tasks = 0;
  kie = await startFakeApi((request) => {
    if (request.method === "POST") {
      tasks += 1;
      return { status: 200, json: { code: 200, data: { taskId: `t${tasks}` } } };
    }
    const resultJson = JSON.stringify({ resultUrls: [kieResultUrl] });
    return {
      status: 200,
      json: { code: 200, data: { taskId: request.query.get("taskId"), state: "success", resultJson } },
    };
  });
  Object.assign(process.env, {
    APP_URL: origin(app),
    DEMO_PROVIDER: "on",
    DEMO_PROVIDER_DELAY_MS: "0",
    KIE_API_KEY: "kie-test-key",
    KIE_BASE_URL: kie.baseUrl,
    VIDEO_POLL_INTERVAL_MS: "1",
    VIDEO_MAX_CONCURRENT: "50",
    VIDEO_MAX_BYTES: String(CAP),
    VIDEO_COPY_MAX_ATTEMPTS: "5",
    STORAGE_LOCAL_DIR: mkdtempSync(path.join(tmpdir(), "videofly-copy-")),
  });
});

afterAll(async () => {
  for (const server of [app, target]) server.closeAllConnections();
  await Promise.all([kie.close(), ...[app, target].map((s) => new Promise((resolve) => s.close(resolve)))]);
});

let userId: string;
beforeAll(async () => {
  userId = await createUser("copy");
  await grantCredits({ userId, source: "PURCHASE", grantKey: `o:${userId}`, credits: 1000, expiresAt: null });
});

/** A demo video (Seedance has no configured real provider here), through generation and the copy. */
async function demoVideoWith(file: AppFile) {
  appFile = file;
  const video = await generateVideo(userId, {
    model: "seedance-1-pro",
    mode: "TEXT_TO_VIDEO",
    prompt: "waves",
    duration: 5,
    aspectRatio: "16:9",
    quality: "720p",
  });
  expect(video.provider).toBe("demo");
  await processDueVideos();
  return db().video.findUniqueOrThrow({ where: { uuid: video.uuid } });
}

/** A Kie video whose finished file is at `url`. */
async function kieVideoAt(url: string) {
  kieResultUrl = url;
  const video = await generateVideo(userId, {
    model: "kling-2.6",
    mode: "TEXT_TO_VIDEO",
    prompt: "rain",
    duration: 5,
    aspectRatio: "16:9",
    quality: "standard",
  });
  expect(video.provider).toBe("kie");
  await processDueVideos();
  return db().video.findUniqueOrThrow({ where: { uuid: video.uuid } });
}

async function holdStatus(uuid: string) {
  return (await db().creditHold.findUniqueOrThrow({ where: { reference: `video:${uuid}` } })).status;
}

describe("copying the provider's file", () => {
  it("stores a good MP4 and completes the video", async () => {
    const video = await demoVideoWith("mp4");
    expect(video).toMatchObject({ status: "COMPLETED" });
    expect(video.storageKey).toMatch(/\.mp4$/);
    expect(await files().head(video.storageKey ?? "")).toMatchObject({ size: SAMPLE.length, contentType: "video/mp4" });
    expect(await holdStatus(video.uuid)).toBe("SETTLED");
  });

  it("stores a WebM as WebM", async () => {
    const video = await demoVideoWith("webm");
    expect(video).toMatchObject({ status: "COMPLETED", width: 320, height: 240, hasAudio: false });
    expect(video.storageKey).toMatch(/\.webm$/);
    expect(await files().head(video.storageKey ?? "")).toMatchObject({ size: WEBM.length, contentType: "video/webm" });
  });

  it("fails a body that is not a video (an HTML page) at once, stores nothing and releases the credits", async () => {
    const video = await demoVideoWith("html");
    expect(video).toMatchObject({ status: "FAILED", errorCode: "E5004", attempts: 0 });
    expect(video.errorMessage).toContain("not an MP4 or WebM video (Content-Type text/html)");
    expect(await files().head(storageKeys.video(video.uuid, video.id))).toBeNull();
    expect(await holdStatus(video.uuid)).toBe("RELEASED");
    // Copying the same bytes again would not help.
    await expect(retryVideo(userId, video.uuid)).rejects.toMatchObject({ code: "E4007" });
  });

  // The decision for a file with a video's magic and a broken body: it is refused like any file that
  // is not a video (ffprobe cannot read it), so nobody pays for a file no player can show.
  it("fails an MP4 whose body ffprobe cannot read, storing nothing (nor a poster), and releases once", async () => {
    const video = await demoVideoWith("corrupt mp4");
    expect(video).toMatchObject({ status: "FAILED", errorCode: "E5004", attempts: 0, thumbnailKey: null });
    expect(video.errorMessage).toContain("cannot be read as a video");
    expect(await files().head(storageKeys.video(video.uuid, video.id))).toBeNull();
    expect(await files().head(storageKeys.poster(video.uuid, video.id))).toBeNull();
    expect(await holdStatus(video.uuid)).toBe("RELEASED");
    expect(
      await db().creditTransaction.count({ where: { type: "RELEASE", hold: { reference: `video:${video.uuid}` } } }),
    ).toBe(1);
  });

  it("a provider's server error is not a verdict on the file: the copy is tried again later", async () => {
    const video = await demoVideoWith("503");
    expect(video).toMatchObject({ status: "UPLOADING", attempts: 1 });
    expect(await holdStatus(video.uuid)).toBe("HELD");
  });

  it("refuses a file whose Content-Length is over VIDEO_MAX_BYTES", async () => {
    const video = await demoVideoWith("declared too big");
    expect(video).toMatchObject({ status: "FAILED", errorCode: "E5004" });
    expect(video.errorMessage).toContain(`at most ${CAP} are accepted`);
    expect(await holdStatus(video.uuid)).toBe("RELEASED");
  });

  it("cuts a file that declares no length at VIDEO_MAX_BYTES, storing nothing", async () => {
    const video = await demoVideoWith("endless");
    expect(video).toMatchObject({ status: "FAILED", errorCode: "E5004" });
    expect(video.errorMessage).toContain(`larger than ${CAP} bytes`);
    expect(await files().head(storageKeys.video(video.uuid, video.id))).toBeNull();
    expect(await holdStatus(video.uuid)).toBe("RELEASED");
  });

  it("streams a large file without holding it in memory", { timeout: 120_000 }, async () => {
    const rss = rssSampler();
    const video = await demoVideoWith("large");
    const growth = rss.stop();
    expect(video).toMatchObject({ status: "COMPLETED", width: 320, height: 180, mediaDurationMs: 3000 });
    expect(video.thumbnailKey).not.toBeNull();
    expect((await files().head(video.storageKey ?? ""))?.size).toBe(CAP - MiB);
    console.log(`127 MB copy: peak RSS growth ${(growth / MiB).toFixed(1)} MB`);
    // Holding the file would take at least its 127 MB.
    expect(growth).toBeLessThan(96 * MiB);
    await files().delete(video.storageKey ?? "");
  });

  it("refuses a redirect from our own origin to a loopback address, without asking it", async () => {
    const video = await demoVideoWith("redirect to loopback");
    expect(video).toMatchObject({ status: "FAILED", errorCode: "E5004" });
    expect(video.errorMessage).toContain("loopback address");
    expect(targetHits).toBe(0);
    expect(await holdStatus(video.uuid)).toBe("RELEASED");
  });

  it("refuses a provider's URL at a loopback address or name, or with another scheme", async () => {
    const port = (target.address() as AddressInfo).port;
    for (const url of [`http://127.0.0.1:${port}/v.mp4`, `http://localhost:${port}/v.mp4`, "file:///etc/passwd"]) {
      const video = await kieVideoAt(url);
      expect(video, url).toMatchObject({ status: "FAILED", errorCode: "E5004" });
      expect(await holdStatus(video.uuid)).toBe("RELEASED");
    }
    expect(targetHits).toBe(0);
  });
});
