// Content-Security-Policies, as plain values: next.config.ts imports this file too.

/**
 * The policy of a page. Scripts run only with this response's nonce (Next.js puts it on its inline
 * bootstrap scripts and bundles, reading it from the request's policy header); 'strict-dynamic'
 * lets those load the chunks they need. Styles allow inline ones: React renders `style`
 * attributes, which no nonce can cover, and the stylesheets are our own. Media, images and
 * uploads may also use the storage origins (S3 presigned URLs, a public bucket URL). Only the
 * embed player may be framed: by `frameAncestors` (the video's embed domains, or any site).
 */
export function pagePolicy(options: {
  nonce: string;
  /** Who may frame the page; none when absent. */
  frameAncestors?: string[];
  development: boolean;
  storageOrigins: string[];
}): string {
  const storage = options.storageOrigins;
  const dev = (...sources: string[]) => (options.development ? sources : []);
  return serialize({
    "default-src": ["'self'"],
    // React's development build evaluates code for its error overlays; production never does.
    "script-src": ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...dev("'unsafe-eval'")],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...storage],
    "media-src": ["'self'", "blob:", ...storage],
    "connect-src": ["'self'", ...storage, ...dev("ws:", "wss:")],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": options.frameAncestors?.length ? options.frameAncestors : ["'none'"],
  });
}

/** Set by the proxy on a request for a page that renders without the app's frame (the embed player). */
export const BARE_PAGE_HEADER = "x-videofly-bare-page";

/** The video of an embed player's path (other sites may put it in an iframe); null for any other path. */
export const embeddedVideo = (pathname: string) => pathname.match(/^\/embed\/([0-9a-f-]{36})$/)?.[1] ?? null;

/**
 * The policy of every /api response: nothing may run or be framed. Images and media stay
 * loadable, so that a stored file opened directly in a tab still shows.
 */
export const API_POLICY = serialize({
  "default-src": ["'none'"],
  "img-src": ["'self'"],
  "media-src": ["'self'"],
  "frame-ancestors": ["'none'"],
});

function serialize(policy: Record<string, string[]>): string {
  return Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(" ")}`)
    .join("; ");
}
