import { fileTypeFromBuffer, fileTypeFromFile } from "file-type";

export type MediaKind = "image" | "video" | "audio";

export interface SniffedType {
  mime: string;
  ext: string;
  kind: MediaKind;
}

/** The types we take in, by what the bytes are (file-type's magic numbers), never by name. */
const ACCEPTED: Record<string, MediaKind> = {
  "image/png": "image",
  "image/jpeg": "image",
  "image/webp": "image",
  "video/mp4": "video",
  "video/quicktime": "video",
  "video/webm": "video",
  "audio/mpeg": "audio",
  "audio/wav": "audio",
  "audio/x-wav": "audio",
  "audio/mp4": "audio",
  "audio/x-m4a": "audio",
  "audio/aac": "audio",
  "audio/ogg": "audio",
  "audio/opus": "audio",
  "audio/flac": "audio",
  "audio/webm": "audio",
};

function accepted(found: { mime: string; ext: string } | undefined): SniffedType | null {
  const kind = found ? ACCEPTED[found.mime] : undefined;
  return found && kind ? { mime: found.mime, ext: found.ext, kind } : null;
}

/** What the first bytes of a file say it is, or null for anything we do not take (or unknown bytes). */
export async function sniffBytes(head: Uint8Array): Promise<SniffedType | null> {
  return accepted(await fileTypeFromBuffer(head));
}

export async function sniffFile(path: string): Promise<SniffedType | null> {
  return accepted(await fileTypeFromFile(path));
}
