import type { Video } from "@videofly/db";
import { playUrl, posterUrl } from "../video/queries.ts";
import { mediaView } from "../video/view.ts";

/** A video as the gallery and the favorites list show it to anyone who may play it. */
export async function publicView(v: Video) {
  return {
    uuid: v.uuid,
    model: v.model,
    prompt: v.prompt,
    aspectRatio: v.aspectRatio,
    duration: v.duration,
    videoUrl: await playUrl(v),
    ...mediaView(v, await posterUrl(v)),
    completedAt: v.completedAt,
  };
}
