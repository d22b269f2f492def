export interface VideoView {
  uuid: string;
  status: "QUEUED" | "PENDING" | "GENERATING" | "UPLOADING" | "COMPLETED" | "FAILED" | "CANCELLED";
  model: string;
  mode: string;
  prompt: string;
  duration: number;
  aspectRatio: string;
  quality: string;
  imageUrl: string | null;
  sourceVideoUrl: string | null;
  /** How far the provider says it is (0–100); null when it says nothing. */
  progress: number | null;
  creditsCost: number;
  visibility: "private" | "unlisted" | "public";
  allowEmbed: boolean;
  allowDownload: boolean;
  embedDomains: string[];
  videoUrl: string | null;
  posterUrl: string | null;
  mediaDuration: number | null;
  width: number | null;
  height: number | null;
  hasAudio: boolean | null;
  error: { code: string; message: string | null } | null;
  createdAt: string;
}

/** Statuses that will still change by themselves (a queued batch item starts when a slot frees): pages keep polling. */
export const IN_PROGRESS = new Set(["QUEUED", "PENDING", "GENERATING", "UPLOADING"]);

export const STATUS_STYLE: Record<VideoView["status"], string> = {
  QUEUED: "bg-muted text-muted-foreground",
  PENDING: "bg-muted text-foreground",
  GENERATING: "bg-warning/15 text-warning",
  UPLOADING: "bg-info/15 text-info",
  COMPLETED: "bg-success/15 text-success",
  FAILED: "bg-destructive/10 text-destructive",
  CANCELLED: "bg-muted text-muted-foreground",
};
