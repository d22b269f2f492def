import { describe, expect, it } from "vitest";

// The process-wide instance behind the route handlers, configured from the environment: the
// limiter on, one trusted proxy in front.
process.env.AUTH_RATE_LIMIT = "on";
process.env.TRUSTED_PROXY_HOPS = "1";
const APP = "http://localhost:3000";
const { authRouteHandlers } = await import("../src/next.ts");

const signIn = (forwardedFor: string) =>
  authRouteHandlers.POST(
    new Request(`${APP}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP, "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ email: "nobody@example.com", password: "wrong password!" }),
    }),
  );

describe("the auth route handlers behind a trusted proxy", () => {
  it("count sign-ins per the address the proxy saw, whatever the client wrote before it", async () => {
    const statuses: number[] = [];
    // A client rotating a made-up first entry; the proxy appended the real one.
    for (let attempt = 0; attempt < 5; attempt++) {
      statuses.push((await signIn(`10.0.0.${attempt}, 198.51.100.20`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect((await signIn("10.0.0.1, 198.51.100.21")).status).toBe(401);
  });
});
