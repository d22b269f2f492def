import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

// Scalar's browser bundle, served from our own origin: the page's CSP allows no CDN, and none is reachable offline.
const BUNDLE = path.join(process.cwd(), "node_modules/@scalar/api-reference/dist/browser/standalone.js");

export async function GET(): Promise<Response> {
  const { size } = await stat(BUNDLE);
  return new Response(Readable.toWeb(createReadStream(BUNDLE)) as ReadableStream, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "content-length": String(size),
      "cache-control": "public, max-age=86400",
    },
  });
}
