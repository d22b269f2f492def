import { db } from "@videofly/db";
import { runStorageDeletions } from "../storage/index.ts";
import { files } from "./files.ts";

const DAY_MS = 86_400_000;

export interface CleanupResult {
  deletedFailed: number;
  archivedCompleted: number;
  filesRemoved: number;
  /** Scheduled storage folders (deleted accounts) whose files went now; see `scheduleStorageDeletion`. */
  foldersRemoved: number;
}

/**
 * Deletes FAILED videos after 30 days, archives (soft-deletes) COMPLETED ones after 90 days, and
 * removes the stored files (the video and its poster) of every soft-deleted video. The files go first, then the keys, so a
 * crash in between only repeats a delete. Then it retries the scheduled folder deletions.
 */
export async function cleanupVideos(now = new Date(), batch = 200): Promise<CleanupResult> {
  const failed = await db().video.deleteMany({
    where: { status: "FAILED", updatedAt: { lt: new Date(now.getTime() - 30 * DAY_MS) } },
  });
  const archived = await db().video.updateMany({
    where: { status: "COMPLETED", deletedAt: null, completedAt: { lt: new Date(now.getTime() - 90 * DAY_MS) } },
    data: { deletedAt: now, visibility: "PRIVATE" },
  });
  let filesRemoved = 0;
  for (;;) {
    const gone = await db().video.findMany({
      where: { deletedAt: { not: null }, OR: [{ storageKey: { not: null } }, { thumbnailKey: { not: null } }] },
      select: { id: true, storageKey: true, thumbnailKey: true },
      take: batch,
    });
    for (const v of gone) {
      if (v.storageKey) await files().delete(v.storageKey);
      if (v.thumbnailKey) await files().delete(v.thumbnailKey);
      await db().video.update({ where: { id: v.id }, data: { storageKey: null, thumbnailKey: null } });
      filesRemoved += 1;
    }
    if (gone.length < batch) break;
  }
  const folders = await runStorageDeletions(files());
  return {
    deletedFailed: failed.count,
    archivedCompleted: archived.count,
    filesRemoved,
    foldersRemoved: folders.deleted,
  };
}
