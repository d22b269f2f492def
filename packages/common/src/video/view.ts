import type { Video } from "@videofly/db";

/** The stored file's probed facts (null until known, and for videos stored before probing) and its poster's link. */
export function mediaView(
  v: Pick<Video, "mediaDurationMs" | "width" | "height" | "hasAudio">,
  posterUrl: string | null,
) {
  return {
    posterUrl,
    mediaDuration: v.mediaDurationMs == null ? null : v.mediaDurationMs / 1000,
    width: v.width,
    height: v.height,
    hasAudio: v.hasAudio,
  };
}

/**
 * A video as the API shows its owner; `videoUrl` and `posterUrl` are short-lived signed links to
 * play it and to its poster once they are stored.
 */
export function videoView(v: Video, videoUrl: string | null = null, posterUrl: string | null = null) {
  return {
    uuid: v.uuid,
    status: v.status,
    model: v.model,
    mode: v.mode,
    prompt: v.prompt,
    negativePrompt: v.negativePrompt,
    duration: v.duration,
    aspectRatio: v.aspectRatio,
    quality: v.quality,
    imageUrl: v.imageUrl,
    sourceVideoUrl: v.sourceVideoUrl,
    audioUrl: v.audioUrl,
    audioDurationMs: v.audioDurationMs,
    script: v.script,
    voice: v.voice,
    language: v.language,
    progress: v.progress,
    creditsCost: v.creditsCost,
    projectId: v.projectId,
    provider: v.provider,
    visibility: v.visibility.toLowerCase() as Lowercase<typeof v.visibility>,
    allowEmbed: v.allowEmbed,
    allowDownload: v.allowDownload,
    embedDomains: v.embedDomains,
    videoUrl,
    ...mediaView(v, posterUrl),
    error: v.errorCode ? { code: v.errorCode, message: v.errorMessage } : null,
    createdAt: v.createdAt,
    startedAt: v.startedAt,
    completedAt: v.completedAt,
  };
}

export type VideoView = ReturnType<typeof videoView>;
