import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { db, type VideoStatus, type VideoVisibility } from "@videofly/db";

/** Signed play links need a storage driver; a local one in a fresh directory. */
export function useLocalStorage() {
  process.env.STORAGE_LOCAL_DIR = mkdtempSync(path.join(tmpdir(), "videofly-favorites-"));
}

/**
 * A video row as generation leaves it (the finished ones stored), shared as asked: these tests
 * are about who may favorite what, not about how a video gets made.
 */
export async function videoOf(
  userId: string,
  options: { visibility?: VideoVisibility; status?: VideoStatus; completedAt?: Date; prompt?: string } = {},
) {
  const status = options.status ?? "COMPLETED";
  const finished = status === "COMPLETED";
  return db().video.create({
    data: {
      userId,
      status,
      model: "kling-2.6",
      mode: "TEXT_TO_VIDEO",
      prompt: options.prompt ?? "a kite over the sea",
      duration: 5,
      aspectRatio: "16:9",
      quality: "standard",
      creditsCost: 1,
      visibility: options.visibility ?? "PUBLIC",
      storageKey: finished ? `videos/${userId}/${Math.random().toString(36).slice(2)}.mp4` : null,
      completedAt: finished ? (options.completedAt ?? new Date()) : null,
    },
  });
}
