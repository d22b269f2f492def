import { accessSync, chmodSync, constants, statSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * The ffmpeg and ffprobe to run: `FFMPEG_PATH` / `FFPROBE_PATH` when set (Debian's, say), else the
 * static builds that ship inside the npm packages, so a fresh clone needs nothing installed.
 */
export function ffmpegPath(): string {
  return process.env.FFMPEG_PATH || executable((require("@ffmpeg-installer/ffmpeg") as { path: string }).path);
}

export function ffprobePath(): string {
  return process.env.FFPROBE_PATH || executable((require("@ffprobe-installer/ffprobe") as { path: string }).path);
}

const checked = new Set<string>();

/**
 * The packages make their binary executable in a postinstall script, which a package manager may
 * not run (pnpm runs only the approved ones): then it is done here, once.
 */
function executable(path: string): string {
  if (checked.has(path)) return path;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    chmodSync(path, statSync(path).mode | 0o111);
  }
  checked.add(path);
  return path;
}
