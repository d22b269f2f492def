import { randomBytes } from "node:crypto";
import { ProviderError, type VideoProvider } from "./types.ts";

export interface DemoOptions {
  /** How long a task "renders". */
  delayMs: number;
  /** Share of tasks that fail (0–1), to try the failure path. */
  failRate: number;
  /** The finished file: a small real MP4 that ships with the app (public/demo/sample.mp4). */
  videoUrl: string;
  now?: () => number;
  random?: () => number;
}

/**
 * A provider that needs no key and no network beyond our own app: it "renders" for `delayMs` and
 * returns the sample MP4. The task id carries its start time and fate, so any process (web or
 * worker) answers the same way without shared memory.
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
    trustedFileOrigin: new URL(options.videoUrl).origin,
    async createTask() {
      const fate = random() < options.failRate ? "fail" : "ok";
      return { taskId: `demo_${now()}_${fate}_${randomBytes(6).toString("hex")}` };
    },
    async getTask(taskId) {
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
      parse(taskId);
      return { taskId };
    },
    verifyCallback() {
      return true;
    },
  };
}
