import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { startAppServer } from "./support/app-server";
import { api, baseUrl, signUpVerified } from "./support/http";
import { createKey } from "./support/keys";

// Security headers on every response, and the cross-site and content-type rules of /api/v1.

let cookie: string;
let key: string;

beforeAll(async () => {
  ({ cookie } = await signUpVerified("web-security@example.com"));
  ({ key } = await createKey(cookie, { name: "web-security" }));
});

/** A Content-Security-Policy as directive → sources. */
function directives(policy: string | null): Record<string, string[]> {
  return Object.fromEntries(
    (policy ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

function expectCommonHeaders(res: Response, label: string) {
  expect(res.headers.get("x-content-type-options"), label).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), label).toBe("strict-origin-when-cross-origin");
  // The test server runs the production build.
  expect(res.headers.get("strict-transport-security"), label).toMatch(/^max-age=\d{7,}/);
}

const PAGES = ["/", "/sign-in", "/sign-up", "/create", "/videos", "/credits", "/pricing", "/billing", "/admin"];

describe("security headers", () => {
  it("are on every page: a nonce-based CSP that forbids framing, nosniff, a referrer policy, HSTS", async () => {
    for (const path of [...PAGES, `/videos/${randomUUID()}`, "/no-such-page"]) {
      const res = await fetch(`${baseUrl()}${path}`, { headers: { cookie } });
      const csp = directives(res.headers.get("content-security-policy"));
      const nonce = csp["script-src"]?.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
      expect(csp["script-src"], path).toContain("'strict-dynamic'");
      expect(csp["script-src"], path).not.toContain("'unsafe-inline'");
      expect(csp["script-src"], path).not.toContain("'unsafe-eval'");
      expect(csp["object-src"], path).toEqual(["'none'"]);
      expect(csp["frame-ancestors"], path).toEqual(["'none'"]);
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expectCommonHeaders(res, path);
      // Every script Next.js rendered carries this response's nonce.
      const scripts = [...(await res.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
  });

  it("use a fresh nonce for every response", async () => {
    const nonces = await Promise.all(
      [1, 2, 3].map(async () => (await fetch(`${baseUrl()}/sign-in`)).headers.get("content-security-policy")),
    );
    expect(new Set(nonces).size).toBe(3);
  });

  it("let other sites frame the embed player, and nothing else", async () => {
    const res = await fetch(`${baseUrl()}/embed/${randomUUID()}`);
    expect(directives(res.headers.get("content-security-policy"))["frame-ancestors"]).toEqual(["*"]);
    expect(res.headers.get("x-frame-options")).toBeNull();
    expectCommonHeaders(res, "/embed");
  });

  it("let pages play, show and upload files from the S3 storage's origins", async () => {
    const s3 = await startAppServer({
      DATABASE_URL: inject("appDatabaseUrl"),
      STORAGE_DRIVER: "s3",
      S3_BUCKET: "videofly-media",
      S3_ENDPOINT: "https://0123abcd.r2.cloudflarestorage.com",
      S3_ACCESS_KEY_ID: "AKIDEXAMPLE",
      S3_SECRET_ACCESS_KEY: "secret-example",
      STORAGE_PUBLIC_URL: "https://media.videofly.example/files",
    });
    try {
      const csp = directives((await fetch(`${s3.baseUrl}/videos`)).headers.get("content-security-policy"));
      for (const directive of ["media-src", "img-src", "connect-src"]) {
        expect(csp[directive], directive).toEqual(
          expect.arrayContaining([
            "'self'",
            "https://videofly-media.0123abcd.r2.cloudflarestorage.com",
            "https://media.videofly.example",
          ]),
        );
      }
      expect(csp["script-src"]).not.toContain("https://media.videofly.example");
    } finally {
      await s3.stop();
    }
  });

  it("are on every API response, with a policy that runs nothing", async () => {
    const responses: [string, Response][] = [
      ["health", await fetch(`${baseUrl()}/api/v1/health`)],
      ["401", await fetch(`${baseUrl()}/api/v1/user/me`)],
      ["404", await fetch(`${baseUrl()}/api/v1/does-not-exist`)],
      ["400", await fetch(`${baseUrl()}/api/v1/video/list?limit=0`, { headers: { cookie } })],
      ["a key", await fetch(`${baseUrl()}/api/v1/credit/balance`, { headers: { "x-api-key": key } })],
      ["Better Auth", await fetch(`${baseUrl()}/api/auth/get-session`, { headers: { cookie } })],
      ["cron 401", await fetch(`${baseUrl()}/api/cron/expire-credits`)],
    ];
    for (const [label, res] of responses) {
      const csp = directives(res.headers.get("content-security-policy"));
      expect(csp["default-src"], label).toEqual(["'none'"]);
      expect(csp["frame-ancestors"], label).toEqual(["'none'"]);
      expect(res.headers.get("x-frame-options"), label).toBe("DENY");
      expectCommonHeaders(res, label);
    }
  });

  it("are on build assets and public files", async () => {
    const html = await (await fetch(`${baseUrl()}/`)).text();
    const script = html.match(/src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    for (const path of [script ?? "", "/demo/sample.mp4"]) {
      const res = await fetch(`${baseUrl()}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expectCommonHeaders(res, path);
    }
  });
});

const PRESIGN = { contentType: "image/png", size: 1000 };

function send(method: string, path: string, headers: Record<string, string>, body: unknown = PRESIGN) {
  return api(path, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("cookie-authenticated writes", () => {
  it("from another site are 403 in the API's envelope, and change nothing", async () => {
    const uuid = randomUUID();
    const foreign: [string, string, Record<string, string>, unknown?][] = [
      ["POST", "/api/v1/upload/presign", { origin: "http://evil.example" }],
      [
        "POST",
        "/api/v1/video/generate",
        { origin: "http://evil.example" },
        { model: "kling-2.6", prompt: "x", duration: 5, quality: "standard" },
      ],
      ["PATCH", `/api/v1/video/${uuid}`, { origin: "http://evil.example" }, { visibility: "public" }],
      ["DELETE", `/api/v1/video/${uuid}`, { origin: "http://evil.example" }, undefined],
      ["POST", `/api/v1/video/${uuid}/retry`, { origin: "http://evil.example" }, undefined],
      // A sandboxed frame or a privacy redirect sends "null".
      ["POST", "/api/v1/upload/presign", { origin: "null" }],
      // A browser that sent no Origin still says where the request came from.
      ["POST", "/api/v1/upload/presign", { "sec-fetch-site": "cross-site" }],
      // Another port is another origin.
      ["POST", "/api/v1/upload/presign", { origin: baseUrl().replace(/:(\d+)$/, (_, p) => `:${Number(p) + 1}`) }],
    ];
    for (const [method, path, headers, body = PRESIGN] of foreign) {
      const { res, body: envelope } = await send(method, path, { cookie, ...headers }, body);
      const label = `${method} ${path} ${JSON.stringify(headers)}`;
      expect(res.status, label).toBe(403);
      expect(envelope.error, label).toMatchObject({ code: "E4030", type: "forbidden", requestId: expect.any(String) });
    }
    const videos = await api<{ items: unknown[] }>("/api/v1/video/list", { headers: { cookie } });
    expect(videos.body.data?.items).toEqual([]);
    const balance = await api<{ available: number }>("/api/v1/credit/balance", { headers: { cookie } });
    expect(balance.body.data?.available).toBe(50);
  });

  it("from the app's own pages, or from no browser at all (no Origin), go through", async () => {
    const callers: Record<string, string>[] = [
      { origin: baseUrl() },
      { origin: baseUrl(), "sec-fetch-site": "same-origin" },
      {},
    ];
    for (const headers of callers) {
      const { res } = await send("POST", "/api/v1/upload/presign", { cookie, ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(201);
    }
    const { res } = await send(
      "PATCH",
      `/api/v1/video/${randomUUID()}`,
      { cookie, origin: baseUrl() },
      { visibility: "public" },
    );
    expect(res.status).toBe(404);
  });

  it("reads from another site are not refused (the browser keeps the answer from that site)", async () => {
    const { res } = await api("/api/v1/credit/balance", { headers: { cookie, origin: "http://evil.example" } });
    expect(res.status).toBe(200);
  });
});

describe("API-key writes", () => {
  it("are not subject to the origin check", async () => {
    const keys: Record<string, string>[] = [{ "x-api-key": key }, { authorization: `Bearer ${key}` }];
    for (const auth of keys) {
      const { res } = await send("POST", "/api/v1/upload/presign", { ...auth, origin: "http://evil.example" });
      expect(res.status, Object.keys(auth)[0]).toBe(201);
    }
  });
});

describe("JSON bodies", () => {
  it("must be sent as application/json: anything else is 415 E4150, for cookies and keys alike", async () => {
    const body = JSON.stringify(PRESIGN);
    const callers: Record<string, string>[] = [{ cookie, origin: baseUrl() }, { "x-api-key": key }];
    for (const auth of callers) {
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null]) {
        const headers = new Headers(auth);
        if (type) headers.set("content-type", type);
        const res = await fetch(`${baseUrl()}/api/v1/upload/presign`, { method: "POST", headers, body });
        const label = `${Object.keys(auth)[0]} ${type}`;
        // fetch labels a string body text/plain when no type is given.
        expect(res.status, label).toBe(415);
        expect(((await res.json()) as { error: { code: string } }).error.code, label).toBe("E4150");
      }
      const ok = await send("POST", "/api/v1/upload/presign", {
        ...auth,
        "content-type": "application/json; charset=utf-8",
      });
      expect(ok.res.status).toBe(201);
    }
  });
});
