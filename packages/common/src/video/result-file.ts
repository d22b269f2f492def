import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { logger } from "../logger.ts";
import { extractPoster, type MediaFacts, MediaToolError, probeMedia, sniffFile } from "../media/index.ts";
import { storageKeys } from "../storage/index.ts";
import { files } from "./files.ts";
import { NotAVideoError, type VideoContainer } from "./media.ts";

/** What the completing update writes beside the storage key: the poster and the file's facts. */
export interface StoredFacts {
  thumbnailKey: string | null;
  mediaDurationMs: number | null;
  width: number | null;
  height: number | null;
  hasAudio: boolean;
}

export interface StoredResult {
  key: string;
  facts: StoredFacts;
}

/**
 * Streams a sniffed provider file to its key in storage and, on the way, to a temporary file (one
 * chunk at a time, with backpressure from both, so memory stays flat); then probes that copy and
 * stores a poster from its first second. Bytes that ffprobe cannot read as a video throw
 * NotAVideoError; a poster that cannot be made is logged and left out. The temporary folder always
 * goes; what was stored stays for the caller (see `removeOrphanCopy`).
 */
export async function storeResult(
  video: { uuid: string; id: string },
  sniffed: { container: VideoContainer; stream: Readable },
  contentLength: number | undefined,
): Promise<StoredResult> {
  const dir = await mkdtemp(join(tmpdir(), "videofly-result-"));
  try {
    const local = join(dir, `video.${sniffed.container.ext}`);
    const key = storageKeys.video(video.uuid, video.id, sniffed.container.ext);
    await files().put(key, teeToFile(sniffed.stream, local), {
      contentType: sniffed.container.contentType,
      contentLength,
    });
    const facts = await probeResult(local);
    const thumbnailKey = await storePoster(video, local, join(dir, "poster.jpg"), facts.durationMs);
    return {
      key,
      facts: {
        thumbnailKey,
        mediaDurationMs: facts.durationMs,
        width: facts.width,
        height: facts.height,
        hasAudio: facts.hasAudio,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `source`, unchanged, while every chunk is also written to `path` (flushed before the stream ends). */
function teeToFile(source: Readable, path: string): Readable {
  async function* tee() {
    const out = createWriteStream(path);
    try {
      for await (const chunk of source) {
        if (!out.write(chunk)) await once(out, "drain");
        yield chunk as Buffer;
      }
      out.end();
      await finished(out);
    } finally {
      // A reader that gave up early (or a failed write) leaves no open file behind.
      if (!out.writableFinished) out.destroy();
    }
  }
  return Readable.from(tee(), { objectMode: false });
}

/**
 * The facts of a stored result, judged by its bytes: file-type must not call it an image or audio,
 * and ffprobe must read it and find a picture track. ffprobe rejecting the bytes (it exited with an
 * error) is a verdict on the file; ffprobe not running or timing out is not, and is thrown as is
 * (the copy is tried again).
 */
async function probeResult(path: string): Promise<MediaFacts> {
  const sniffed = await sniffFile(path);
  if (sniffed && sniffed.kind !== "video") {
    throw new NotAVideoError(`the provider's file is ${sniffed.mime}, not a video`);
  }
  let facts: MediaFacts;
  try {
    facts = await probeMedia(path);
  } catch (error) {
    if (error instanceof MediaToolError && / exited with \d+/.test(error.message)) {
      throw new NotAVideoError(`the provider's file cannot be read as a video (${error.message.slice(0, 200)})`);
    }
    throw error;
  }
  if (!facts.hasVideo) throw new NotAVideoError("the provider's file has no video track");
  return facts;
}

/** The poster's key once stored, or null (logged) when none could be made: never the video's failure. */
async function storePoster(
  video: { uuid: string; id: string },
  input: string,
  output: string,
  durationMs: number | null,
): Promise<string | null> {
  const key = storageKeys.poster(video.uuid, video.id);
  try {
    await extractPoster(input, output, { durationMs });
    const { size } = await stat(output);
    await files().put(key, createReadStream(output), { contentType: "image/jpeg", contentLength: size });
    return key;
  } catch (error) {
    logger().warn({ err: error, videoUuid: video.uuid }, "making the video's poster failed; it has none");
    return null;
  }
}
