import { Readable } from "node:stream";
import {
  AppError,
  attachmentDisposition,
  openLocalFile,
  verifyLocalFileSignature,
  writeLocalUpload,
} from "@videofly/common";

/** Parses `Range: bytes=a-b` against the size; null when absent or unsatisfiable (then the whole file). */
function parseRange(header: string | null, size: number): { start: number; end: number } | null {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === "" && m[2] === "")) return null;
  const start = m[1] === "" ? Math.max(0, size - Number(m[2])) : Number(m[1]);
  const end = m[1] === "" || m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start <= end && start < size ? { start, end } : null;
}

/**
 * Serves a file of the local storage driver through its signed, expiring URL, with Range support
 * so a video can be seeked. The signature in the query is the only authorization.
 */
export async function serveLocalFile(key: string, url: URL, rangeHeader: string | null): Promise<Response> {
  const q = url.searchParams;
  const downloadName = q.get("name") ?? undefined;
  const valid = verifyLocalFileSignature({
    key,
    method: "GET",
    expires: q.get("expires") ?? "",
    signature: q.get("sig") ?? "",
    downloadName,
  });
  if (!valid) throw new AppError("FORBIDDEN", { message: "This file link is not valid or has expired." });
  const whole = await openLocalFile(key);
  if (!whole) throw new AppError("NOT_FOUND", { message: "No such file." });
  const range = parseRange(rangeHeader, whole.size);
  const headers: Record<string, string> = {
    "content-type": whole.contentType,
    "accept-ranges": "bytes",
    "cache-control": "private, max-age=3600",
    ...(downloadName ? { "content-disposition": attachmentDisposition(downloadName) } : {}),
  };
  if (!range) {
    return new Response(Readable.toWeb(whole.stream) as ReadableStream, {
      headers: { ...headers, "content-length": String(whole.size) },
    });
  }
  whole.stream.destroy();
  const part = await openLocalFile(key, range);
  if (!part) throw new AppError("NOT_FOUND", { message: "No such file." });
  return new Response(Readable.toWeb(part.stream) as ReadableStream, {
    status: 206,
    headers: {
      ...headers,
      "content-length": String(range.end - range.start + 1),
      "content-range": `bytes ${range.start}-${range.end}/${whole.size}`,
    },
  });
}

/** Stores the body of a signed upload URL (the local driver's presigned PUT). */
export async function storeLocalUpload(key: string, request: Request): Promise<{ key: string; size: number }> {
  const q = new URL(request.url).searchParams;
  const contentType = request.headers.get("content-type") ?? "";
  const maxBytes = q.get("maxBytes") ?? "";
  const valid = verifyLocalFileSignature({
    key,
    method: "PUT",
    expires: q.get("expires") ?? "",
    signature: q.get("sig") ?? "",
    contentType,
    maxBytes,
  });
  if (!valid)
    throw new AppError("FORBIDDEN", {
      message: "This upload link is not valid, has expired, or the Content-Type differs.",
    });
  if (!request.body) throw new AppError("VALIDATION_FAILED", { message: "The upload has no body." });
  return writeLocalUpload(key, Readable.fromWeb(request.body as import("node:stream/web").ReadableStream), {
    maxBytes: Number(maxBytes),
  });
}
