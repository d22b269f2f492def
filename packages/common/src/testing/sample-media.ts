import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ffmpegPath } from "../media/binaries.ts";
import { runTool } from "../media/run.ts";

/**
 * Real media files for tests, made by ffmpeg from its own test sources: a video (colour bars with a
 * tone, or silent), a tone as audio, a still as PNG. Each call writes to a new temporary folder.
 */
export async function sampleMedia(
  kind: "video" | "silent-video" | "audio" | "image",
  options: { seconds?: number; name?: string } = {},
) {
  const dir = await mkdtemp(join(tmpdir(), "videofly-media-"));
  const seconds = String(options.seconds ?? 2);
  const ext = { video: "mp4", "silent-video": "mp4", audio: "mp3", image: "png" }[kind];
  const path = join(dir, options.name ?? `sample.${ext}`);
  const bars = ["-f", "lavfi", "-i", `testsrc=size=320x240:rate=25:duration=${seconds}`];
  const tone = ["-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`];
  const args = {
    video: [...bars, ...tone, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"],
    "silent-video": [...bars, "-c:v", "libx264", "-pix_fmt", "yuv420p"],
    audio: [...tone, "-c:a", "libmp3lame", "-b:a", "64k"],
    image: ["-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1"],
  }[kind];
  await runTool(ffmpegPath(), ["-v", "error", "-y", ...args, "-f", formatOf(ext), path]);
  return path;
}

function formatOf(ext: string) {
  return { mp4: "mp4", mp3: "mp3", png: "image2" }[ext] ?? ext;
}
