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
  QUEUED: "bg-slate-100 text-slate-500",
  PENDING: "bg-slate-100 text-slate-700",
  GENERATING: "bg-amber-100 text-amber-800",
  UPLOADING: "bg-sky-100 text-sky-800",
  COMPLETED: "bg-emerald-100 text-emerald-800",
  FAILED: "bg-red-100 text-red-800",
  CANCELLED: "bg-slate-200 text-slate-600",
};
