import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ffmpegPath, probeMedia, runTool, sniffFile } from "../../src/media/index.ts";
import { storageKeys } from "../../src/storage/index.ts";
import { sampleMedia } from "../../src/testing/index.ts";
import { files } from "../../src/video/files.ts";
import { cleanupVideos, deleteVideo, generateVideo, getVideo, processDueVideos } from "../../src/video/index.ts";
import { userWithCredits } from "./support.ts";

// A finished video's poster and facts, from real media files (made by ffmpeg) that the demo
// provider's result URL serves (the demo's file comes from APP_URL, this test's server).
const STORAGE_DIR = mkdtempSync(path.join(tmpdir(), "videofly-posters-"));
// This file's own temporary folder, to see that the copies' temporary files go.
const TEMP_DIR = mkdtempSync(path.join(tmpdir(), "videofly-posters-tmp-"));
const served: { body: Buffer; type: string } = { body: Buffer.alloc(0), type: "video/mp4" };
let app: Server;
let userId: string;
const media: Record<"video" | "silentVideo" | "m4a" | "audioOnlyMp4" | "png", Buffer> = {} as never;

async function ffmpegFile(name: string, args: string[]): Promise<Buffer> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "videofly-media-")), name);
  await runTool(ffmpegPath(), ["-v", "error", "-y", ...args, out]);
  return readFileSync(out);
}

beforeAll(async () => {
  media.video = readFileSync(await sampleMedia("video", { seconds: 2 }));
  media.silentVideo = readFileSync(await sampleMedia("silent-video", { seconds: 2 }));
  media.png = readFileSync(await sampleMedia("image"));
  const tone = ["-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac"];
  // Both open with an MP4 `ftyp` box: one is branded M4A (file-type: audio), one plain isom with no picture.
  media.m4a = await ffmpegFile("tone.m4a", [...tone, "-f", "ipod"]);
  media.audioOnlyMp4 = await ffmpegFile("tone.mp4", [...tone, "-f", "mp4"]);
  app = createServer((req, res) =>
    req.url === "/demo/sample.mp4"
      ? res.writeHead(200, { "content-type": served.type }).end(served.body)
      : res.writeHead(404).end(),
  );
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    APP_URL: `http://127.0.0.1:${(app.address() as AddressInfo).port}`,
    DEMO_PROVIDER: "on",
    DEMO_PROVIDER_DELAY_MS: "0",
    VIDEO_POLL_INTERVAL_MS: "1",
    VIDEO_MAX_CONCURRENT: "50",
    STORAGE_LOCAL_DIR: STORAGE_DIR,
    TMPDIR: TEMP_DIR,
  });
  userId = await userWithCredits("posters");
});

afterAll(async () => {
  app.closeAllConnections();
  await new Promise((resolve) => app.close(resolve));
});

/** A demo video whose provider's file is `body`, through generation and the copy. */
async function demoVideoOf(body: Buffer) {
  served.body = body;
  const video = await generateVideo(userId, {
    model: "seedance-1-pro",
    mode: "TEXT_TO_VIDEO",
    prompt: "a poster please",
    duration: 5,
    aspectRatio: "16:9",
    quality: "720p",
  });
  expect(video.provider).toBe("demo");
  await processDueVideos();
  return db().video.findUniqueOrThrow({ where: { uuid: video.uuid } });
}

const holdOf = (uuid: string) =>
  db().creditHold.findUniqueOrThrow({
    where: { reference: `video:${uuid}` },
    include: { _count: { select: { transactions: { where: { type: "RELEASE" } } } } },
  });

const storedPath = (key: string) => path.join(STORAGE_DIR, key);
const leftoverTemp = () => readdirSync(TEMP_DIR).filter((name) => name.startsWith("videofly-result-"));

describe("a finished video's poster and facts", () => {
  it("stores a JPEG poster beside the video and writes the probed facts as it completes", async () => {
    const video = await demoVideoOf(media.video);
    expect(video).toMatchObject({ status: "COMPLETED", width: 320, height: 240, hasAudio: true });
    expect(Math.abs((video.mediaDurationMs ?? 0) - 2000)).toBeLessThanOrEqual(100);
    expect(video.thumbnailKey).toBe(storageKeys.poster(video.uuid, video.id));
    expect(video.thumbnailKey?.startsWith(`videos/${video.uuid}/`)).toBe(true);
    expect(await files().head(video.thumbnailKey ?? "")).toMatchObject({ contentType: "image/jpeg" });
    expect(await sniffFile(storedPath(video.thumbnailKey ?? ""))).toMatchObject({ mime: "image/jpeg", kind: "image" });
    expect(await probeMedia(storedPath(video.thumbnailKey ?? ""))).toMatchObject({ width: 320, height: 240 });
    expect(leftoverTemp()).toEqual([]);

    const view = await getVideo(userId, video.uuid);
    expect(view).toMatchObject({ width: 320, height: 240, hasAudio: true });
    expect(view.mediaDuration).toBeCloseTo(2, 1);
    expect(view.posterUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+/);
    expect(view.posterUrl).not.toBe(view.videoUrl);
  });

  it("says a silent video has no audio", async () => {
    const video = await demoVideoOf(media.silentVideo);
    expect(video).toMatchObject({ status: "COMPLETED", width: 320, height: 240, hasAudio: false });
    expect(video.thumbnailKey).not.toBeNull();
  });

  it("fails a result whose bytes are audio behind an MP4 head, stores nothing and releases once", async () => {
    for (const [body, reason] of [
      [media.m4a, "audio/x-m4a, not a video"],
      [media.audioOnlyMp4, "has no video track"],
    ] as const) {
      const video = await demoVideoOf(body);
      expect(video, reason).toMatchObject({ status: "FAILED", errorCode: "E5004", thumbnailKey: null, width: null });
      expect(video.errorMessage).toContain(reason);
      expect(await files().head(storageKeys.video(video.uuid, video.id))).toBeNull();
      expect(await files().head(storageKeys.poster(video.uuid, video.id))).toBeNull();
      const hold = await holdOf(video.uuid);
      expect(hold.status).toBe("RELEASED");
      expect(hold._count.transactions).toBe(1);
    }
    expect(leftoverTemp()).toEqual([]);
  });

  it("fails a picture served as a video before storing anything", async () => {
    const video = await demoVideoOf(media.png);
    expect(video).toMatchObject({ status: "FAILED", errorCode: "E5004" });
    expect((await holdOf(video.uuid)).status).toBe("RELEASED");
  });

  it("completes a video whose poster cannot be made, without one", async () => {
    const ffmpeg = process.env.FFMPEG_PATH;
    // ffprobe still reads the file; only ffmpeg, which makes the poster, is missing.
    process.env.FFMPEG_PATH = path.join(TEMP_DIR, "no-ffmpeg-here");
    try {
      const video = await demoVideoOf(media.video);
      expect(video).toMatchObject({ status: "COMPLETED", thumbnailKey: null, width: 320, hasAudio: true });
      expect(await files().head(storageKeys.poster(video.uuid, video.id))).toBeNull();
      expect((await getVideo(userId, video.uuid)).posterUrl).toBeNull();
      expect((await holdOf(video.uuid)).status).toBe("SETTLED");
    } finally {
      if (ffmpeg === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = ffmpeg;
    }
    expect(leftoverTemp()).toEqual([]);
  });

  it("deleting a video deletes its poster with it (the cleanup job)", async () => {
    const video = await demoVideoOf(media.video);
    const poster = video.thumbnailKey ?? "";
    expect(await files().head(poster)).not.toBeNull();
    await deleteVideo(userId, video.uuid);
    await cleanupVideos();
    expect(await files().head(poster)).toBeNull();
    expect(await files().head(video.storageKey ?? "")).toBeNull();
    expect(await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).toMatchObject({
      storageKey: null,
      thumbnailKey: null,
    });
  });
});
