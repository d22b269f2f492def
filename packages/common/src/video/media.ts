import { Readable } from "node:stream";

export interface VideoContainer {
  ext: "mp4" | "webm";
  contentType: string;
}

const MP4: VideoContainer = { ext: "mp4", contentType: "video/mp4" };
const WEBM: VideoContainer = { ext: "webm", contentType: "video/webm" };
const EBML_MAGIC = 0x1a45dfa3;
const HEAD_BYTES = 12;

/** The provider's file is not a video we store: asking again would get the same bytes. */
export class NotAVideoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotAVideoError";
  }
}

/** MP4 (and its ISO-BMFF kin) opens with an `ftyp` box, its type at offset 4; WebM with the EBML magic. */
export function detectContainer(head: Buffer): VideoContainer | null {
  if (head.length >= 8 && head.toString("latin1", 4, 8) === "ftyp") return MP4;
  if (head.length >= 4 && head.readUInt32BE(0) === EBML_MAGIC) return WEBM;
  return null;
}

/**
 * Reads the first bytes of `body` to name its container, and gives back a stream of the whole body
 * (those bytes first); nothing else is buffered. A body that is no MP4 or WebM is destroyed
 * and throws NotAVideoError, before anything is stored.
 */
export async function sniffVideo(
  body: Readable,
  declaredType?: string,
): Promise<{ container: VideoContainer; stream: Readable }> {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let size = 0;
  while (size < HEAD_BYTES) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    size += next.value.length;
  }
  const first = Buffer.concat(head);
  const container = detectContainer(first);
  if (!container) {
    await chunks.return?.();
    const type = declaredType ? ` (Content-Type ${declaredType.slice(0, 100)})` : "";
    throw new NotAVideoError(`the provider's file is not an MP4 or WebM video${type}`);
  }
  async function* replay() {
    try {
      yield first;
      for (;;) {
        const next = await chunks.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // Stops the download when whoever reads this gives up early.
      await chunks.return?.();
    }
  }
  return { container, stream: Readable.from(replay(), { objectMode: false }) };
}
