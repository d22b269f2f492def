import { copyFile, readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  extractPoster,
  MediaToolError,
  muxAudio,
  probeMedia,
  probeStreamDurationMs,
  sniffBytes,
  sniffFile,
} from "../../src/media/index.ts";
import { sampleMedia } from "../../src/testing/index.ts";

describe("media", () => {
  it("probes a video's container, codecs, size, duration and audio", async () => {
    const facts = await probeMedia(await sampleMedia("video", { seconds: 2 }));
    expect(facts).toMatchObject({
      width: 320,
      height: 240,
      videoCodec: "h264",
      audioCodec: "aac",
      hasVideo: true,
      hasAudio: true,
    });
    expect(facts.container).toContain("mp4");
    expect(facts.durationMs).toBeGreaterThan(1900);
    expect(facts.durationMs).toBeLessThan(2200);
  });

  it("probes audio without a picture track, and an image without a duration", async () => {
    const audio = await probeMedia(await sampleMedia("audio", { seconds: 3 }));
    expect(audio).toMatchObject({ hasVideo: false, hasAudio: true, audioCodec: "mp3", width: null });
    expect(Math.abs((audio.durationMs ?? 0) - 3000)).toBeLessThan(100);
    const image = await probeMedia(await sampleMedia("image"));
    expect(image).toMatchObject({ hasAudio: false, width: 320, height: 240 });
  });

  it("judges a file by its bytes, not its name", async () => {
    const png = await sampleMedia("image");
    const disguised = join(dirname(png), "holiday.mp4");
    await copyFile(png, disguised);
    expect(await sniffFile(disguised)).toEqual({ mime: "image/png", ext: "png", kind: "image" });
    expect(await sniffFile(await sampleMedia("audio"))).toMatchObject({ kind: "audio", mime: "audio/mpeg" });
    expect(await sniffFile(await sampleMedia("video"))).toMatchObject({ kind: "video", mime: "video/mp4" });
    expect(await sniffBytes(new TextEncoder().encode("#!/bin/sh\necho not a video\n"))).toBeNull();
    expect(await sniffBytes((await readFile(png)).subarray(0, 64))).toMatchObject({ kind: "image" });
  });

  it("takes a poster from the first second", async () => {
    const video = await sampleMedia("video");
    const poster = join(dirname(video), "poster.jpg");
    await extractPoster(video, poster);
    expect(await sniffFile(poster)).toMatchObject({ mime: "image/jpeg" });
    expect(await probeMedia(poster)).toMatchObject({ width: 320, height: 240 });
    expect((await stat(poster)).size).toBeGreaterThan(1000);
  });

  it("muxes an audio track into a video or a still, cut to the audio's length", async () => {
    const audio = await sampleMedia("audio", { seconds: 1.5 });
    const audioMs = (await probeMedia(audio)).durationMs ?? 0;
    for (const [source, sourceIsImage] of [
      [await sampleMedia("silent-video", { seconds: 1 }), false],
      [await sampleMedia("image"), true],
    ] as const) {
      const output = join(dirname(source), "lipsync.mp4");
      await muxAudio({ source, sourceIsImage, audio, audioMs, output });
      const facts = await probeMedia(output);
      expect(facts).toMatchObject({ hasVideo: true, hasAudio: true, videoCodec: "h264", audioCodec: "aac" });
      const trackMs = (await probeStreamDurationMs(output, "a")) ?? 0;
      expect(Math.abs(trackMs - audioMs)).toBeLessThan(80);
    }
  });

  it("says why when a file is not media", async () => {
    const path = join(dirname(await sampleMedia("image")), "notes.txt");
    await import("node:fs/promises").then((fs) => fs.writeFile(path, "just text"));
    await expect(probeMedia(path)).rejects.toBeInstanceOf(MediaToolError);
  });
});
