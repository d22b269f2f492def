import { embedFrameAncestors, storageConfig, storageOrigins, videoConfig } from "@videofly/common";
import { type NextRequest, NextResponse } from "next/server";
import { appConfig } from "./config";
import { BARE_PAGE_HEADER, embeddedVideo, pagePolicy } from "./server/csp";

let origins: string[] | undefined;
const storageSources = () => {
  origins ??= storageOrigins(storageConfig(), videoConfig().APP_URL);
  return origins;
};

/**
 * Every page gets a fresh CSP nonce. Next.js reads it from the request's Content-Security-Policy
 * header and puts it on the scripts it renders; the browser gets the same policy on the response.
 * The embed player may be framed where its video's owner allows. The other security headers, and
 * the API's policy, come from next.config.ts.
 */
export async function proxy(request: NextRequest) {
  const embedded = embeddedVideo(request.nextUrl.pathname);
  const policy = pagePolicy({
    nonce: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64"),
    frameAncestors: embedded ? await embedFrameAncestors(embedded) : undefined,
    development: appConfig().NODE_ENV === "development",
    storageOrigins: storageSources(),
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  // The embed player renders bare, without the app's frame (the layout reads this); no client sets it.
  headers.delete(BARE_PAGE_HEADER);
  if (embedded) headers.set(BARE_PAGE_HEADER, "1");
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: API routes, build assets and public files get their headers from next.config.ts.
  // Prefetches carry no document, so they need no nonce.
  matcher: [
    {
      source: "/((?!api/|_next/static/|_next/image|favicon\\.ico|demo/).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
