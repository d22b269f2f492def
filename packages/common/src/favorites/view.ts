import type { Video } from "@videofly/db";
import { playUrl } from "../video/queries.ts";

/** A video as the gallery and the favorites list show it to anyone who may play it. */
export async function publicView(v: Video) {
  return {
    uuid: v.uuid,
    model: v.model,
    prompt: v.prompt,
    aspectRatio: v.aspectRatio,
    duration: v.duration,
    videoUrl: await playUrl(v),
    completedAt: v.completedAt,
  };
}
