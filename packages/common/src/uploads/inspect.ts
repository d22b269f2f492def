import { MediaToolError, probeMedia, sniffBytes } from "../media/index.ts";
import { localFilePath } from "../storage/index.ts";
import { files } from "../video/files.ts";
import { uploadConfig } from "./config.ts";
import { refuse, tooLarge } from "./refusals.ts";
import type { UploadPurpose } from "./schemas.ts";
import type { UploadFacts } from "./usable.ts";

// Enough for every magic number file-type knows (its own sample size).
const SNIFF_BYTES = 4100;
const PROBE_URL_SECONDS = 10 * 60;

/**
 * What an assembled upload is, judged by its bytes: its size against the declaration and the
 * limit, its type by magic numbers (it must be of the declared purpose), then ffprobe's facts,
 * read through a short-lived URL (or the local driver's path) so the file never passes through
 * this process's memory.
 */
export async function inspectAssembled(
  key: string,
  purpose: UploadPurpose,
  declaredSize: number,
): Promise<UploadFacts> {
  const storage = files();
  const size = (await storage.head(key))?.size ?? 0;
  if (size > uploadConfig().maxBytes[purpose]) throw tooLarge(purpose, size);
  if (size !== declaredSize) {
    throw refuse("size", "size_mismatch", `The file has ${size} bytes where ${declaredSize} were declared.`);
  }
  const sniffed = await sniffBytes(await storage.readHead(key, SNIFF_BYTES));
  if (sniffed?.kind !== purpose) {
    const found = sniffed ? `${sniffed.mime}` : "of no type we take";
    throw refuse("file", "content_mismatch", `The file's bytes are ${found}, not ${purpose}.`, "VALIDATION_FAILED", {
      purpose,
      mime: sniffed?.mime ?? null,
    });
  }
  // The local driver's file is read where it lies: its URL would send ffprobe back through this app.
  const input =
    storage.driver === "local"
      ? localFilePath(key)
      : await storage.presignDownload(key, { expiresInSeconds: PROBE_URL_SECONDS });
  const media = await probeMedia(input).catch((error: unknown) => {
    if (error instanceof MediaToolError) {
      throw refuse("file", "unreadable_media", `ffprobe cannot read this ${purpose}.`);
    }
    throw error;
  });
  const usable = purpose === "video" ? media.hasVideo : purpose === "audio" ? media.hasAudio : true;
  if (!usable) throw refuse("file", "content_mismatch", `The file has no ${purpose} track.`);
  return { ...media, mime: sniffed.mime, ext: sniffed.ext, kind: sniffed.kind, size };
}
