import { AppError } from "../errors/index.ts";

// Segments may not start with a dot: that rules out `.` and `..`, and keeps names like the local
// driver's `.tmp` directory out of every key. 1024 bytes is S3's own limit.
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/;
const MAX_KEY_LENGTH = 1024;
const ID = /^[A-Za-z0-9_-]{1,128}$/;
const EXTENSION = /^[a-z0-9]{1,16}$/;

/**
 * Whether `key` is one every driver stores alike and none can use to escape its root: relative,
 * `/`-separated, only `[A-Za-z0-9/_.-]`.
 */
export function isStorageKey(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && KEY.test(key);
}

/** `isStorageKey`, failing with VALIDATION_FAILED. */
export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) {
    throw new AppError("VALIDATION_FAILED", { message: "Invalid storage key.", details: { key } });
  }
}

function segment(value: string, pattern: RegExp, name: string): string {
  if (!pattern.test(value)) {
    throw new AppError("VALIDATION_FAILED", {
      message: `Invalid ${name} for a storage key.`,
      details: { [name]: value },
    });
  }
  return value;
}

/**
 * The kinds of object the app stores (docs/architecture.md §5). A video's poster sits beside it in
 * `videos/<videoUuid>/`, so whatever deletes that folder (account deletion) takes the poster too.
 */
export const storageKeys = {
  upload(userId: string, id: string, ext: string): string {
    const extension = segment(ext.replace(/^\./, "").toLowerCase(), EXTENSION, "extension");
    return `uploads/${segment(userId, ID, "userId")}/${segment(id, ID, "id")}.${extension}`;
  },
  video(videoUuid: string, id: string, ext: "mp4" | "webm" = "mp4"): string {
    return `videos/${segment(videoUuid, ID, "videoUuid")}/${segment(id, ID, "id")}.${ext}`;
  },
  poster(videoUuid: string, id: string): string {
    return `videos/${segment(videoUuid, ID, "videoUuid")}/${segment(id, ID, "id")}-poster.jpg`;
  },
};

/**
 * A Content-Disposition value that makes browsers save the file as `name`: an ASCII fallback for old
 * clients plus the exact UTF-8 name (RFC 6266); quotes, backslashes and control characters can't
 * break out of the header.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRFC5987(name)}`;
}

function encodeRFC5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
