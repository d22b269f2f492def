import { ffprobePath } from "./binaries.ts";
import { runTool } from "./run.ts";

/** What ffprobe says a file holds. Durations are in milliseconds, rounded. */
export interface MediaFacts {
  /** ffprobe's container name (`mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`, `mp3`, `png_pipe`…). */
  container: string;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  hasVideo: boolean;
  hasAudio: boolean;
}

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  duration?: string;
  disposition?: { attached_pic?: number };
}

/** Probes a local path or an http(s) URL (a presigned one: ffprobe reads only what it needs). */
export async function probeMedia(input: string, { timeoutMs = 60_000 } = {}): Promise<MediaFacts> {
  const out = await runTool(
    ffprobePath(),
    ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", input],
    { timeoutMs },
  );
  const parsed = JSON.parse(out) as { format?: { format_name?: string; duration?: string }; streams?: ProbeStream[] };
  const streams = parsed.streams ?? [];
  // Cover art in an MP3 shows up as a video stream; it is not a picture track.
  const video = streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === "audio");
  const seconds = Number(parsed.format?.duration ?? video?.duration ?? audio?.duration);
  return {
    container: parsed.format?.format_name ?? "unknown",
    durationMs: Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null,
    width: video?.width ?? null,
    height: video?.height ?? null,
    videoCodec: video?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    hasVideo: Boolean(video),
    hasAudio: Boolean(audio),
  };
}

/** The duration of one kind of stream (the audio track of a result, say), in milliseconds. */
export async function probeStreamDurationMs(input: string, stream: "a" | "v"): Promise<number | null> {
  const out = await runTool(ffprobePath(), [
    "-v",
    "error",
    "-select_streams",
    `${stream}:0`,
    "-show_entries",
    "stream=duration",
    "-of",
    "csv=p=0",
    input,
  ]);
  const seconds = Number(out.trim());
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
}
