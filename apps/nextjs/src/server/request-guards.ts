import { isTrustedOrigin, type RequestIdentity } from "@videofly/auth";
import { AppError } from "@videofly/common";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery: a cookie-authenticated request that changes something must come
 * from one of our own pages. Browsers send `Origin` on every such request, so a foreign (or
 * "null") one is refused. Without `Origin` the caller is not a browser page (curl, a server) and
 * is let through, unless `Sec-Fetch-Site` says a browser sent it from another site. API keys are
 * not checked: a browser never attaches them by itself.
 */
export async function assertSameOrigin(request: Request, identity: RequestIdentity | null): Promise<void> {
  if (identity?.via !== "session" || SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get("origin");
  const trusted =
    origin === null ? request.headers.get("sec-fetch-site") !== "cross-site" : await isTrustedOrigin(origin, request);
  if (!trusted) {
    throw new AppError("FORBIDDEN", {
      message: "Cross-site request refused: a signed-in request must come from this app's own pages.",
      details: { origin },
    });
  }
}
