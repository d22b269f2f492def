export { ffmpegPath, ffprobePath } from "./binaries.ts";
export { type MediaFacts, probeMedia, probeStreamDurationMs } from "./probe.ts";
export { MediaToolError, runTool } from "./run.ts";
export { type MediaKind, type SniffedType, sniffBytes, sniffFile } from "./sniff.ts";
export { extractPoster, muxAudio } from "./transform.ts";
