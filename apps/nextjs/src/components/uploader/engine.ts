/**
 * The browser's upload of one file in parts (POST /api/v1/uploads, a PUT per part straight to
 * storage, then complete), without React: parts go 3 at a time, a failed part is sent again with
 * backoff while the others carry on, and `start()` after a failure resumes with the parts still
 * missing. Progress reports bytes sent, speed over the last few seconds and the time left.
 */
import { ApiError, api } from "@/lib/api";

export type UploadPurpose = "image" | "video" | "audio";

export interface UploadFacts {
  mime: string;
  ext: string;
  kind: UploadPurpose;
  size: number;
  container: string;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  hasVideo: boolean;
  hasAudio: boolean;
}

/** What `onComplete` gets: the upload's id (what a generation takes) and what the file is. */
export type CompletedUpload = UploadFacts & { uploadId: string };

export interface UploadProgress {
  loaded: number;
  total: number;
  /** Over the last few seconds; 0 until there is a measure. */
  bytesPerSecond: number;
  /** null until the speed is known. */
  secondsLeft: number | null;
}

/** PUTs one part; resolves with the ETag the storage answered. `onSent` reports bytes sent of this part. */
export type PartSender = (
  url: string,
  body: Blob,
  options: { signal: AbortSignal; onSent: (bytes: number) => void },
) => Promise<string>;

export interface UploadJobOptions {
  file: File;
  purpose: UploadPurpose;
  onProgress?: (progress: UploadProgress) => void;
  concurrency?: number;
  /** Tries per part before the job fails (the first included). */
  maxAttempts?: number;
  /** The wait before try `attempt + 1` of a part (attempt counts from 1). */
  backoffMs?: (attempt: number) => number;
  sendPart?: PartSender;
}

interface Declared {
  uploadId: string;
  partSize: number;
  parts: { partNumber: number; url: string }[];
}

const SPEED_WINDOW_MS = 3000;

export class UploadAborted extends Error {
  constructor() {
    super("The upload was cancelled.");
    this.name = "UploadAborted";
  }
}

/** A part's PUT through XMLHttpRequest, which (unlike fetch) reports upload progress. */
export const xhrSendPart: PartSender = (url, body, { signal, onSent }) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.upload.onprogress = (e) => onSent(e.loaded);
    xhr.onload = () => {
      const etag = xhr.getResponseHeader("etag");
      if (xhr.status >= 200 && xhr.status < 300 && etag) resolve(etag);
      else reject(new ApiError(xhr.status, "E5002", `A part was refused (${xhr.status}).`));
    };
    xhr.onerror = () => reject(new ApiError(0, "E5002", "A part could not be sent (network)."));
    const abort = () => xhr.abort();
    signal.addEventListener("abort", abort, { once: true });
    xhr.onabort = () => reject(new UploadAborted());
    xhr.onloadend = () => signal.removeEventListener("abort", abort);
    xhr.send(body);
  });

export class UploadJob {
  private declared: Declared | null = null;
  private readonly etags = new Map<number, string>();
  private readonly sentOfPart = new Map<number, number>();
  private samples: { at: number; loaded: number }[] = [];
  private controller = new AbortController();
  private cancelled = false;

  constructor(private readonly options: UploadJobOptions) {}

  get uploadId(): string | null {
    return this.declared?.uploadId ?? null;
  }

  /** Runs (or, after a failure, resumes) the upload; resolves with the completed file's facts. */
  async start(): Promise<CompletedUpload> {
    if (this.cancelled) throw new UploadAborted();
    this.controller = new AbortController();
    const { file, purpose } = this.options;
    this.declared ??= await api<Declared>("/api/v1/uploads", {
      method: "POST",
      body: { fileName: file.name, contentType: file.type || "application/octet-stream", size: file.size, purpose },
    });
    const declared = this.declared;
    // Cancelled while the declaration was on its way: the server's upload goes too.
    if (this.cancelled) {
      await this.cancel();
      throw new UploadAborted();
    }
    const queue = declared.parts.filter((p) => !this.etags.has(p.partNumber));
    const workers = Array.from({ length: Math.min(this.options.concurrency ?? 3, queue.length) }, async () => {
      for (let part = queue.shift(); part; part = queue.shift()) await this.sendWithRetries(declared, part);
    });
    try {
      await Promise.all(workers);
    } catch (error) {
      // One part gave up: stop the others, so a retry starts from a quiet state.
      this.controller.abort();
      throw this.cancelled ? new UploadAborted() : error;
    }
    const parts = [...this.etags].map(([partNumber, etag]) => ({ partNumber, etag }));
    const done = await api<{ uploadId: string; facts: UploadFacts }>(`/api/v1/uploads/${declared.uploadId}/complete`, {
      method: "POST",
      body: { parts: parts.sort((a, b) => a.partNumber - b.partNumber) },
    });
    return { ...done.facts, uploadId: done.uploadId };
  }

  /** Stops the parts in flight and aborts the upload on the server (its parts are dropped). */
  async cancel(): Promise<void> {
    this.cancelled = true;
    this.controller.abort();
    if (this.declared) await api(`/api/v1/uploads/${this.declared.uploadId}`, { method: "DELETE" }).catch(() => {});
  }

  private async sendWithRetries(declared: Declared, part: { partNumber: number; url: string }): Promise<void> {
    const { file, maxAttempts = 4, backoffMs = (n: number) => 500 * 2 ** (n - 1) } = this.options;
    const start = (part.partNumber - 1) * declared.partSize;
    const body = file.slice(start, Math.min(start + declared.partSize, file.size));
    const send = this.options.sendPart ?? xhrSendPart;
    for (let attempt = 1; ; attempt++) {
      const signal = this.controller.signal;
      if (signal.aborted) throw new UploadAborted();
      try {
        const etag = await send(part.url, body, { signal, onSent: (bytes) => this.report(part.partNumber, bytes) });
        this.etags.set(part.partNumber, etag);
        this.report(part.partNumber, body.size);
        return;
      } catch (error) {
        this.report(part.partNumber, 0);
        if (error instanceof UploadAborted || attempt >= maxAttempts) throw error;
        await sleep(backoffMs(attempt), signal);
      }
    }
  }

  private report(partNumber: number, bytes: number): void {
    this.sentOfPart.set(partNumber, bytes);
    const loaded = [...this.sentOfPart.values()].reduce((a, b) => a + b, 0);
    const now = performance.now();
    this.samples = [...this.samples.filter((s) => now - s.at <= SPEED_WINDOW_MS), { at: now, loaded }];
    const first = this.samples[0] ?? { at: now, loaded };
    const elapsed = (now - first.at) / 1000;
    const bytesPerSecond = elapsed > 0.2 ? Math.max(0, (loaded - first.loaded) / elapsed) : 0;
    const total = this.options.file.size;
    const secondsLeft = bytesPerSecond > 0 ? (total - loaded) / bytesPerSecond : null;
    this.options.onProgress?.({ loaded, total, bytesPerSecond, secondsLeft });
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new UploadAborted());
      },
      { once: true },
    );
  });
}
