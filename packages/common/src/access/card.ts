import { mediaView } from "../video/view.ts";
import type { Defer, Viewer } from "./audit.ts";
import { openVideoDoor } from "./doors.ts";

/**
 * What a video's page shows anyone it may be played for: the play door decides (and records the
 * look), and its answer carries the player's URL, so one visit is one decision. So is its poster's.
 */
export async function openVideoCard(uuid: string, viewer: Viewer, options: { defer?: Defer; now?: Date } = {}) {
  const door = await openVideoDoor("play", uuid, viewer, options);
  const { video } = door;
  return {
    uuid: video.uuid,
    prompt: video.prompt,
    model: video.model,
    duration: video.duration,
    aspectRatio: video.aspectRatio,
    visibility: video.visibility.toLowerCase() as Lowercase<typeof video.visibility>,
    allowDownload: video.allowDownload,
    owner: door.reason === "owner",
    videoUrl: door.url,
    ...mediaView(video, door.posterUrl),
    expiresAt: door.expiresAt,
  };
}
