import type { Video } from "@videofly/db";

/** A video as the API shows its owner; `videoUrl` is a short-lived signed link to play it once it is stored. */
export function videoView(v: Video, videoUrl: string | null = null) {
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
    provider: v.provider,
    visibility: v.visibility.toLowerCase() as Lowercase<typeof v.visibility>,
    allowEmbed: v.allowEmbed,
    allowDownload: v.allowDownload,
    embedDomains: v.embedDomains,
    videoUrl,
    error: v.errorCode ? { code: v.errorCode, message: v.errorMessage } : null,
    createdAt: v.createdAt,
    startedAt: v.startedAt,
    completedAt: v.completedAt,
  };
}

export type VideoView = ReturnType<typeof videoView>;
