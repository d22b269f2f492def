import { randomUUID } from "node:crypto";
import { mkdtemp, open, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ffmpegPath, runTool } from "@videofly/common";
import type { VideoFlyClient } from "@videofly/sdk";

/**
 * A real, probe-able QuickTime video of about `megabytes` MB, made in about a second: uncompressed
 * 720p frames (1.84 MB each) of ffmpeg's test pattern with a tone, so size costs no encoding time.
 */
export async function largeVideo(megabytes: number, size = "1280x720"): Promise<string> {
  const [w, h] = size.split("x").map(Number) as [number, number];
  const frames = Math.ceil((megabytes * 1_000_000) / (w * h * 2));
  const file = path.join(await mkdtemp(path.join(tmpdir(), "videofly-upload-")), "large.mov");
  await runTool(ffmpegPath(), [
    ...["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc2=size=${size}:rate=25`],
    ...["-f", "lavfi", "-i", "sine=frequency=440", "-frames:v", String(frames)],
    ...["-c:v", "rawvideo", "-pix_fmt", "uyvy422", "-c:a", "pcm_s16le", "-shortest", "-f", "mov", file],
  ]);
  return file;
}

/** A WAV tone of `seconds` (48 kHz stereo: 192 kB a second). */
export async function toneWav(seconds: number): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "videofly-upload-")), "tone.wav");
  await runTool(ffmpegPath(), [
    ...["-v", "error", "-y", "-f", "lavfi", "-i", `sine=frequency=330:sample_rate=48000:duration=${seconds}`],
    ...["-ac", "2", "-c:a", "pcm_s16le", "-f", "wav", file],
  ]);
  return file;
}

/** Bytes `start` to `start + length` of a file, read on their own (memory stays at one part). */
export async function readSlice(file: string, start: number, length: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, start);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export interface DeclaredParts {
  uploadId: string;
  partSize: number;
  parts: { partNumber: number; url: string }[];
}

/** PUTs one part as a client would; answers the status and the ETag header. */
export async function putPart(url: string, body: Uint8Array): Promise<{ status: number; etag: string | null }> {
  const res = await fetch(url, { method: "PUT", body: new Uint8Array(body) });
  await res.arrayBuffer();
  return { status: res.status, etag: res.headers.get("etag") };
}

/**
 * A PUT whose connection drops after `after` bytes (the body stream errors): the client sees a
 * network failure, as when a laptop's Wi-Fi goes.
 */
export async function putPartDropping(url: string, body: Uint8Array, after: number): Promise<unknown> {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(body.subarray(0, after));
      setTimeout(() => controller.error(new Error("connection dropped")), 50);
    },
  });
  return fetch(url, {
    method: "PUT",
    body: stream,
    headers: { "content-length": String(body.length) },
    duplex: "half",
  } as RequestInit).then(
    (res) => res.status,
    (error: unknown) => error,
  );
}

/** Sends every part of `file`, `concurrency` at a time; `beforeFirstTry(n)` may fail a part's first try. */
export async function sendParts(
  file: string,
  size: number,
  declared: DeclaredParts,
  { concurrency = 3, failFirstTryOf }: { concurrency?: number; failFirstTryOf?: number } = {},
): Promise<{ partNumber: number; etag: string }[]> {
  const queue = [...declared.parts];
  const etags: { partNumber: number; etag: string }[] = [];
  const worker = async () => {
    for (let part = queue.shift(); part; part = queue.shift()) {
      const start = (part.partNumber - 1) * declared.partSize;
      const body = await readSlice(file, start, Math.min(declared.partSize, size - start));
      if (part.partNumber === failFirstTryOf) {
        const failed = await putPartDropping(part.url, body, 1024 * 1024);
        if (typeof failed === "number" && failed < 400) throw new Error(`the dropped PUT succeeded (${failed})`);
      }
      const sent = await putPart(part.url, body);
      if (sent.status !== 200 || !sent.etag) throw new Error(`part ${part.partNumber}: ${sent.status}`);
      etags.push({ partNumber: part.partNumber, etag: sent.etag });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return etags.sort((a, b) => a.partNumber - b.partNumber);
}

/** A whole upload as a client makes one: declare, send the parts, complete; answers its id and facts. */
export async function uploadFile(client: VideoFlyClient, file: string, purpose: "image" | "video" | "audio") {
  const { size } = await stat(file);
  const declared = await client.POST("/uploads", {
    body: { fileName: path.basename(file), contentType: "application/octet-stream", size, purpose },
    headers: { "idempotency-key": randomUUID() },
  });
  if (!declared.data) throw new Error(`declare: ${JSON.stringify(declared.error)}`);
  const { uploadId } = declared.data.data;
  const parts = await sendParts(file, size, declared.data.data);
  const done = await client.POST("/uploads/{id}/complete", { params: { path: { id: uploadId } }, body: { parts } });
  if (!done.data?.data.facts) throw new Error(`complete: ${JSON.stringify(done.error)}`);
  return { id: uploadId, facts: done.data.data.facts };
}
