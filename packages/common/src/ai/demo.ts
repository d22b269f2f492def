import { randomBytes } from "node:crypto";
import { type DemoFiles, getDemoLipsync, isDemoLipsyncTask, startDemoLipsync } from "./demo-lipsync.ts";
import { ProviderError, type VideoProvider } from "./types.ts";

export interface DemoOptions {
  /** How long a task "renders". */
  delayMs: number;
  /** Share of tasks that fail (0–1), to try the failure path. */
  failRate: number;
  /** The finished file: a small real MP4 that ships with the app (public/demo/sample.mp4). */
  videoUrl: string;
  /** Our storage, for lip-syncs: without it the demo refuses them. */
  files?: DemoFiles;
  now?: () => number;
  random?: () => number;
}

/**
 * A provider that needs no key and no network beyond our own app: it "renders" for `delayMs` and
 * returns the sample MP4. The task id carries its start time and fate, so any process (web or
 * worker) answers the same way without shared memory. A lip-sync is really made: the inputs'
 * audio muxed onto the source by ffmpeg (demo-lipsync.ts), its result kept in our storage.
 */
export function createDemoProvider(options: DemoOptions): VideoProvider {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const parse = (taskId: string) => {
    const m = /^demo_(\d+)_(ok|fail)_[0-9a-f]+$/.exec(taskId);
    if (!m) throw new ProviderError("demo", "not_found", `Unknown demo task ${taskId}`, false);
    return { startedAt: Number(m[1]), fails: m[2] === "fail" };
  };
  return {
    name: "demo",
    trustedFileOrigins: [new URL(options.videoUrl).origin, ...(options.files?.origins ?? [])],
    async createTask(request) {
      if (request.mode === "LIPSYNC") {
        if (!options.files) {
          throw new ProviderError("demo", "bad_request", "This demo has no storage for lip-syncs.", false, {
            definiteRefusal: true,
          });
        }
        return startDemoLipsync(request, options.files, now());
      }
      const fate = random() < options.failRate ? "fail" : "ok";
      return { taskId: `demo_${now()}_${fate}_${randomBytes(6).toString("hex")}` };
    },
    async getTask(taskId) {
      if (isDemoLipsyncTask(taskId) && options.files) {
        return getDemoLipsync(taskId, options.files, { now: now(), delayMs: options.delayMs });
      }
      const task = parse(taskId);
      if (now() - task.startedAt < options.delayMs) return { state: "running" };
      if (task.fails)
        return { state: "failed", errorCode: "demo_failure", errorMessage: "The demo provider failed on purpose." };
      return { state: "succeeded", videoUrl: options.videoUrl };
    },
    parseCallback(body) {
      const taskId = (body as { taskId?: unknown } | null)?.taskId;
      if (typeof taskId !== "string")
        throw new ProviderError("demo", "bad_callback", "No taskId in the callback", false);
      if (!isDemoLipsyncTask(taskId)) parse(taskId);
      return { taskId };
    },
    verifyCallback() {
      return true;
    },
  };
}
