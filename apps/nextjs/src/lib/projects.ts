// What the project pages receive from /api/v1/projects: the API document's own types, through the SDK.
import type { components } from "@videofly/sdk";

export type Project = components["schemas"]["Project"];
export type ProjectStatus = components["schemas"]["ProjectStatus"];
/** A project's video; a lip-sync's source is `sourceVideoUrl`, or for a portrait `imageUrl`. */
export type ProjectVideo = components["schemas"]["ProjectVideo"];

export const PROJECT_STATUS_STYLE: Record<ProjectStatus, string> = {
  active: "bg-warning/15 text-warning",
  idle: "bg-muted text-foreground",
};

const STEP = { created: 0, started: 1, completed: 2, failed: 2 };

/** The moments of a video's processing, newest first: made, started, finished or failed. */
export function historyOf(videos: ProjectVideo[]) {
  const events = videos.flatMap((v) => [
    { uuid: v.uuid, prompt: v.prompt, kind: "created" as const, at: v.createdAt },
    ...(v.startedAt ? [{ uuid: v.uuid, prompt: v.prompt, kind: "started" as const, at: v.startedAt }] : []),
    ...(v.completedAt ? [{ uuid: v.uuid, prompt: v.prompt, kind: "completed" as const, at: v.completedAt }] : []),
    ...(v.status === "FAILED" ? [{ uuid: v.uuid, prompt: v.prompt, kind: "failed" as const, at: v.updatedAt }] : []),
  ]);
  // At the same millisecond, the later step of a video's processing comes first.
  return events.sort((a, b) => b.at.localeCompare(a.at) || STEP[b.kind] - STEP[a.kind]);
}
