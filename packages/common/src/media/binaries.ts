import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * The ffmpeg and ffprobe to run: `FFMPEG_PATH` / `FFPROBE_PATH` when set (Debian's, say), else the
 * static builds that ship inside the npm packages, so a fresh clone needs nothing installed.
 */
export function ffmpegPath(): string {
  return process.env.FFMPEG_PATH || (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
}

export function ffprobePath(): string {
  return process.env.FFPROBE_PATH || (require("@ffprobe-installer/ffprobe") as { path: string }).path;
}
