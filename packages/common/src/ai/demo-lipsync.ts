import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { logger } from "../logger.ts";
import { ffmpegPath, muxAudio, runTool } from "../media/index.ts";
import { safeGet } from "../net/index.ts";
import { type GenerationRequest, ProviderError, type ProviderTaskStatus } from "./types.ts";

/** Where the demo keeps what it renders: our own storage, which every process shares. */
export interface DemoFiles {
  /** The origins our own files are served from (the app, the storage): the inputs come from there. */
  origins: readonly string[];
  put(key: string, file: string, contentType: string): Promise<void>;
  /** A URL the stored key can be fetched from, or null when nothing is stored under it. */
  urlOf(key: string): Promise<string | null>;
}

const TASK = /^demolip_(\d+)_(\d+)_([0-9a-f]{16})$/;
/** A render that has left neither a result nor a failure by then died with its process. */
const LOST_AFTER_MS = 15 * 60_000;
const MAX_INPUT_BYTES = 600 * 1024 * 1024;

const resultKey = (id: string) => `demo/lipsync-${id}.mp4`;
const failedKey = (id: string) => `demo/lipsync-${id}.failed.txt`;

export const isDemoLipsyncTask = (taskId: string) => TASK.test(taskId);

/**
 * Starts a lip-sync render in this process and answers at once: the task id carries its start,
 * the audio's length and the storage key of the result, so any process can tell how it is doing
 * by looking in storage (getDemoLipsync).
 */
export function startDemoLipsync(request: GenerationRequest, files: DemoFiles, now: number): { taskId: string } {
  const inputs = request.lipsync;
  const source = inputs?.sourceVideoUrl ?? request.imageUrl;
  if (!inputs || !source) {
    throw new ProviderError("demo", "bad_request", "A lip-sync needs a source video or a portrait.", false, {
      definiteRefusal: true,
    });
  }
  const id = randomBytes(8).toString("hex");
  void render(id, { ...inputs, source, sourceIsImage: !inputs.sourceVideoUrl }, files);
  return { taskId: `demolip_${now}_${inputs.audioDurationMs}_${id}` };
}

/** Running (with a progress estimated from the time taken so far) until the result or a failure is stored. */
export async function getDemoLipsync(
  taskId: string,
  files: DemoFiles,
  { now, delayMs }: { now: number; delayMs: number },
): Promise<ProviderTaskStatus> {
  const m = TASK.exec(taskId);
  if (!m) throw new ProviderError("demo", "not_found", `Unknown demo task ${taskId}`, false);
  const [startedAt, audioMs, id] = [Number(m[1]), Number(m[2]), m[3] as string];
  const elapsed = now - startedAt;
  if (await files.urlOf(failedKey(id))) {
    return { state: "failed", errorCode: "demo_failure", errorMessage: "The demo could not combine the inputs." };
  }
  const url = await files.urlOf(resultKey(id));
  if (url && elapsed >= delayMs) return { state: "succeeded", progress: 100, videoUrl: url };
  if (!url && elapsed > LOST_AFTER_MS) {
    return { state: "failed", errorCode: "demo_lost", errorMessage: "The demo render stopped with its process." };
  }
  // About a second of work per ten seconds of audio, plus start-up; never 100 before it is done.
  const expectedMs = Math.max(delayMs, 2_000 + audioMs / 10);
  return { state: "running", progress: Math.min(95, Math.floor((elapsed / expectedMs) * 100)) };
}

interface RenderInputs {
  source: string;
  sourceIsImage: boolean;
  audioUrl?: string;
  audioDurationMs: number;
}

/** Downloads the inputs, muxes them with ffmpeg and stores the result; a failure is stored too. */
async function render(id: string, inputs: RenderInputs, files: DemoFiles): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "videofly-demo-lipsync-"));
  try {
    const audio = join(dir, "audio");
    if (inputs.audioUrl) await download(inputs.audioUrl, audio, files.origins);
    else await tone(inputs.audioDurationMs, audio);
    const source = join(dir, "source");
    await download(inputs.source, source, files.origins);
    const output = join(dir, "result.mp4");
    await muxAudio({ ...inputs, source, audio, audioMs: inputs.audioDurationMs, output });
    await files.put(resultKey(id), output, "video/mp4");
  } catch (error) {
    logger().warn({ err: error, demoTask: id }, "the demo lip-sync failed");
    const note = join(dir, "failed.txt");
    await pipeline(async function* () {
      yield error instanceof Error ? error.message.slice(0, 500) : "failed";
    }, createWriteStream(note));
    await files.put(failedKey(id), note, "text/plain").catch(() => undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function download(url: string, path: string, origins: readonly string[]): Promise<void> {
  const res = await safeGet(url, { timeoutMs: 5 * 60_000, maxBytes: MAX_INPUT_BYTES, trustedOrigins: origins });
  if (res.status < 200 || res.status >= 300) {
    res.body.destroy();
    throw new Error(`an input answered HTTP ${res.status}`);
  }
  await pipeline(res.body, createWriteStream(path));
}

/** The demo reads no text: a script comes back as a quiet tone of its estimated length. */
async function tone(ms: number, path: string): Promise<void> {
  const seconds = (ms / 1000).toFixed(3);
  await runTool(ffmpegPath(), [
    "-v",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=220:duration=${seconds}`,
    "-c:a",
    "aac",
    "-f",
    "mp4",
    path,
  ]);
}
