import { db, pool, type Video } from "@videofly/db";
import { ProviderError } from "../ai/types.ts";
import { dispatchQueuedVideos } from "../batch/dispatch.ts";
import { logger } from "../logger.ts";
import { OutboundError } from "../net/index.ts";
import { storageKeys } from "../storage/index.ts";
import { videoConfig } from "./config.ts";
import { fetchProviderFile } from "./fetch-file.ts";
import { files } from "./files.ts";
import { completeVideo, failVideo } from "./lifecycle.ts";
import { NotAVideoError, sniffVideo } from "./media.ts";
import { providerRegistry } from "./providers.ts";
import { storeResult } from "./result-file.ts";
import { failPastMaxRuntime, failVideosPastMaxRuntime, isPastMaxRuntime } from "./runtime.ts";
import { checkUnconfirmedTask } from "./unconfirmed.ts";

const later = (ms: number) => new Date(Date.now() + ms);

/**
 * Looks at a video in progress and moves it on: asks the provider (a callback is only a hint),
 * fails it, or claims it for upload and copies the file. Safe to call from many places at once:
 * each transition is a guarded update, so exactly one caller copies and settles.
 */
export async function checkVideo(uuid: string, options: { claimed?: boolean } = {}): Promise<void> {
  const video = await db().video.findUnique({ where: { uuid } });
  if (!video || video.deletedAt) return;
  // Past its deadline it fails, whoever looks first (a callback, the poll job): never completed late.
  if (isPastMaxRuntime(video, new Date())) {
    await failPastMaxRuntime(uuid);
    return;
  }
  // An upload belongs to whoever claimed it (the poll job, after the lease of a dead copier ran out).
  if (video.status === "UPLOADING") return options.claimed ? copyVideo(video) : undefined;
  if (video.status !== "GENERATING" || !video.provider) return;
  if (!video.providerTaskId) return checkUnconfirmedTask(video);
  const provider = providerRegistry().get(video.provider);
  if (!provider) {
    await failVideo(uuid, "PROVIDER_ERROR", `Provider ${video.provider} is no longer configured.`);
    return;
  }
  const config = videoConfig();
  let task: Awaited<ReturnType<typeof provider.getTask>>;
  try {
    task = await provider.getTask(video.providerTaskId);
  } catch (error) {
    if (error instanceof ProviderError && !error.retryable) {
      await failVideo(uuid, "PROVIDER_ERROR", error.message);
      return;
    }
    await db().video.updateMany({
      where: { uuid, status: "GENERATING" },
      data: { nextCheckAt: later(config.VIDEO_POLL_INTERVAL_MS) },
    });
    return;
  }
  if (task.state === "queued" || task.state === "running") {
    await db().video.updateMany({
      where: { uuid, status: "GENERATING" },
      data: { nextCheckAt: later(config.VIDEO_POLL_INTERVAL_MS), ...progressOf(task.progress) },
    });
    return;
  }
  if (task.state === "failed" || !task.videoUrl) {
    const reason = task.errorMessage ?? task.errorCode ?? "The provider reported a failure.";
    await failVideo(uuid, "PROVIDER_ERROR", task.errorCode ? `${task.errorCode}: ${reason}` : reason);
    return;
  }
  const claimed = await db().video.updateMany({
    where: { uuid, status: "GENERATING" },
    data: {
      status: "UPLOADING",
      providerVideoUrl: task.videoUrl,
      nextCheckAt: later(config.VIDEO_COPY_LEASE_MS),
      attempts: 0,
      progress: 100,
    },
  });
  if (claimed.count === 1) await copyVideo({ ...video, status: "UPLOADING", providerVideoUrl: task.videoUrl });
}

/** The provider's progress as we store it (a whole 0–100), or nothing when it reported none. */
function progressOf(progress: number | undefined): { progress?: number } {
  if (progress === undefined || !Number.isFinite(progress)) return {};
  return { progress: Math.min(100, Math.max(0, Math.round(progress))) };
}

/**
 * Streams the provider's file into our storage (never whole in memory), then completes the video.
 * The URL is the provider's word, so it is fetched through the outbound guard (public addresses,
 * https in production, VIDEO_MAX_BYTES) and must be an MP4 or WebM that ffprobe reads as a video
 * (`storeResult`, which also makes its poster and facts); a file refused for what it is — corrupt
 * bytes behind an MP4 head included — fails the video at once and its credits are released; anything
 * else (the network, the provider's server) is tried again.
 */
async function copyVideo(video: Video): Promise<void> {
  const log = logger().child({ videoUuid: video.uuid });
  const config = videoConfig();
  if (!video.providerVideoUrl) {
    await failVideo(video.uuid, "STORAGE_UPLOAD_FAILED", "No file to copy.");
    return;
  }
  let stored: string | undefined;
  try {
    const res = await fetchProviderFile(video.provider, video.providerVideoUrl, {
      timeoutMs: 10 * 60_000,
      maxBytes: config.VIDEO_MAX_BYTES,
    });
    if (res.status < 200 || res.status >= 300) {
      res.body.destroy();
      throw new Error(`the provider's file answered ${res.status}`);
    }
    const sniffed = await sniffVideo(res.body, res.headers["content-type"]);
    stored = storageKeys.video(video.uuid, video.id, sniffed.container.ext);
    const { key, facts } = await storeResult(video, sniffed, res.contentLength);
    if (!(await completeVideo(video.uuid, key, facts))) await removeOrphanCopy(video, key);
  } catch (error) {
    // Whatever this attempt stored (the file, its poster) goes unless the video completed with it.
    if (stored) {
      await removeOrphanCopy(video, stored).catch((err: unknown) => log.warn({ err }, "removing a failed copy failed"));
    }
    const refused = fileRefusal(error);
    if (refused) {
      log.warn({ reason: refused.message }, "the provider's file was refused");
      await failVideo(video.uuid, "PROVIDER_FILE_REJECTED", `The provider's file was refused: ${refused.message}.`);
      return;
    }
    const attempts = video.attempts + 1;
    log.warn({ err: error, attempts }, "copying the video failed");
    if (attempts >= config.VIDEO_COPY_MAX_ATTEMPTS) {
      await failVideo(video.uuid, "STORAGE_UPLOAD_FAILED", "Copying the video to storage failed.");
      return;
    }
    // Backoff: 30 s, 1 min, 2 min, … before the next worker tries again.
    await db().video.updateMany({
      where: { uuid: video.uuid, status: "UPLOADING" },
      data: { attempts, nextCheckAt: later(30_000 * 2 ** (attempts - 1)) },
    });
  }
}

/** The refusal (of the URL, or of the bytes) behind a failed copy, however the storage wrapped it. */
function fileRefusal(error: unknown): OutboundError | NotAVideoError | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (e instanceof OutboundError || e instanceof NotAVideoError) return e;
  }
  return undefined;
}

/**
 * A copy that finished after its video failed (or was deleted with its account) must not outlive
 * it. A copy that lost the race to another copier of the same video wrote the same keys, which the
 * COMPLETED video now uses: those stay.
 */
async function removeOrphanCopy(video: { uuid: string; id: string }, key: string): Promise<void> {
  const current = await db().video.findUnique({
    where: { uuid: video.uuid },
    select: { status: true, storageKey: true },
  });
  if (current?.status === "COMPLETED" && current.storageKey === key) return;
  await files().delete(key);
  // Every copy of a video makes its poster under the same key: a completed video keeps it.
  if (current?.status !== "COMPLETED") await files().delete(storageKeys.poster(video.uuid, video.id));
}

export interface ProcessResult {
  checked: number;
  timedOut: number;
  /** Videos failed (and released) for running past VIDEO_MAX_RUNTIME_MINUTES. */
  pastMaxRuntime: number;
  /** Queued batch items started because their user had a free slot (the dispatcher's safety net). */
  dispatched: number;
}

/**
 * The poll job: fails videos past their maximum runtime, claims videos whose next check is due
 * (callbacks that never came, copies to retry, copies whose worker died) with SKIP LOCKED, so any
 * number of workers share them, and checks each; then starts queued batch items that have a slot.
 */
export async function processDueVideos(options: { limit?: number } = {}): Promise<ProcessResult> {
  const pastMaxRuntime = await failVideosPastMaxRuntime();
  const { rows } = await pool().query<{ uuid: string }>(
    `UPDATE video SET "nextCheckAt" = $2, "updatedAt" = now()
      WHERE id IN (SELECT id FROM video
                    WHERE status IN ('GENERATING', 'UPLOADING') AND "nextCheckAt" <= now() AND "deletedAt" IS NULL
                    ORDER BY "nextCheckAt" LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING uuid`,
    [options.limit ?? 50, later(videoConfig().VIDEO_COPY_LEASE_MS)],
  );
  for (const { uuid } of rows) await checkVideo(uuid, { claimed: true });
  const stuck = await pool().query<{ uuid: string }>(
    // A dispatched batch item's clock starts when it was claimed (startedAt), not when it was queued.
    `SELECT uuid FROM video WHERE status = 'PENDING' AND COALESCE("startedAt", "createdAt") < $1 AND "deletedAt" IS NULL LIMIT 100`,
    [new Date(Date.now() - videoConfig().VIDEO_PENDING_TIMEOUT_MS)],
  );
  for (const { uuid } of stuck.rows)
    await failVideo(uuid, "PROVIDER_ERROR", "The task was never submitted to a provider.");
  const dispatched = await dispatchQueuedVideos();
  return { checked: rows.length, timedOut: stuck.rows.length, pastMaxRuntime, dispatched };
}
