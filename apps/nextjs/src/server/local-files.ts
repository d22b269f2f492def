import { Readable } from "node:stream";
import {
  AppError,
  attachmentDisposition,
  openLocalFile,
  verifyLocalFileSignature,
  writeLocalPart,
  writeLocalUpload,
} from "@videofly/common";
import { respond } from "./define-route";

type RangeRequest = { start: number; end: number } | "whole" | "unsatisfiable";

/**
 * One `Range: bytes=a-b`, `bytes=a-` or `bytes=-n` against the size (RFC 9110 §14). Anything else
 * (no header, another unit, several ranges, a malformed one) is answered with the whole file, as
 * the RFC allows; so is any request with `If-Range`, since these responses carry no validator it
 * could match.
 */
function parseRange(header: string | null, ifRange: string | null, size: number): RangeRequest {
  const m = header && !ifRange ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === "" && m[2] === "")) return "whole";
  if (m[1] === "") {
    const suffix = Number(m[2]);
    return suffix > 0 && size > 0 ? { start: Math.max(0, size - suffix), end: size - 1 } : "unsatisfiable";
  }
  const start = Number(m[1]);
  const last = m[2] === "" ? Number.POSITIVE_INFINITY : Number(m[2]);
  if (last < start) return "whole";
  return start < size ? { start, end: Math.min(last, size - 1) } : "unsatisfiable";
}

/**
 * Serves a file of the local storage driver through its signed, expiring URL, with Range support
 * so a video can be seeked. The signature in the query is the only authorization.
 */
export async function serveLocalFile(key: string, url: URL, requestHeaders: Headers): Promise<Response> {
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
  const range = parseRange(requestHeaders.get("range"), requestHeaders.get("if-range"), whole.size);
  const headers: Record<string, string> = {
    "content-type": whole.contentType,
    "accept-ranges": "bytes",
    "cache-control": "private, max-age=3600",
    ...(downloadName ? { "content-disposition": attachmentDisposition(downloadName) } : {}),
  };
  if (range === "unsatisfiable") {
    whole.stream.destroy();
    throw new AppError("RANGE_NOT_SATISFIABLE", {
      details: { size: whole.size },
      headers: { "content-range": `bytes */${whole.size}`, "accept-ranges": "bytes" },
    });
  }
  if (range === "whole") {
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

/** Stores one part of a multipart upload at its signed URL, answering its ETag as S3 does. */
async function storeLocalPart(key: string, request: Request, q: URLSearchParams) {
  const multipartId = q.get("uploadId") ?? "";
  const partNumber = q.get("partNumber") ?? "";
  const maxBytes = q.get("maxBytes") ?? "";
  const valid = verifyLocalFileSignature({
    key,
    method: "PUT",
    expires: q.get("expires") ?? "",
    signature: q.get("sig") ?? "",
    maxBytes,
    part: `${multipartId}/${partNumber}`,
  });
  if (!valid) throw new AppError("FORBIDDEN", { message: "This part link is not valid or has expired." });
  if (!request.body) throw new AppError("VALIDATION_FAILED", { message: "The part has no body." });
  const body = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream);
  const { etag, size } = await writeLocalPart(multipartId, Number(partNumber), body, { bytes: Number(maxBytes) });
  return respond({ key, size, etag }, { headers: { etag: `"${etag}"` } });
}

/** Stores the body of a signed upload URL (the local driver's presigned PUT, or a part of an upload). */
export async function storeLocalUpload(key: string, request: Request) {
  const q = new URL(request.url).searchParams;
  if (q.has("uploadId")) return storeLocalPart(key, request, q);
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
