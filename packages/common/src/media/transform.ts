import { ffmpegPath } from "./binaries.ts";
import { runTool } from "./run.ts";

/**
 * A JPEG poster from the first second of a video (at 0.5 s, or the first frame of a shorter one),
 * at most 640 px wide.
 */
export async function extractPoster(
  input: string,
  output: string,
  { durationMs }: { durationMs?: number | null } = {},
) {
  const at = durationMs != null && durationMs < 1000 ? 0 : 0.5;
  await runTool(ffmpegPath(), [
    "-v",
    "error",
    "-y",
    "-ss",
    String(at),
    "-i",
    input,
    "-frames:v",
    "1",
    "-vf",
    "scale='min(640,iw)':-2",
    "-q:v",
    "4",
    output,
  ]);
}

/**
 * The source (a video, or a still portrait held for the whole length) with `audio` as its sound,
 * cut to the audio's length: what the demo provider's lip-sync returns. H.264 + AAC in MP4.
 */
export async function muxAudio({
  source,
  sourceIsImage,
  audio,
  audioMs,
  output,
}: {
  source: string;
  sourceIsImage: boolean;
  audio: string;
  audioMs: number;
  output: string;
}) {
  const seconds = (audioMs / 1000).toFixed(3);
  const input = sourceIsImage ? ["-loop", "1", "-framerate", "25", "-i", source] : ["-stream_loop", "-1", "-i", source];
  await runTool(ffmpegPath(), [
    "-v",
    "error",
    "-y",
    ...input,
    "-i",
    audio,
    "-map",
    "0:v:0",
    "-map",
    "1:a:0",
    "-t",
    seconds,
    "-vf",
    "scale='trunc(min(1280,iw)/2)*2':-2,format=yuv420p",
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-c:a",
    "aac",
    "-b:a",
    "128k",
    "-movflags",
    "+faststart",
    output,
  ]);
}
