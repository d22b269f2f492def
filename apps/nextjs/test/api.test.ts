import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { api, baseUrl, signUp, verifyEmail } from "./support/http";
import { createKey, revokeKey } from "./support/keys";

describe("GET /api/v1/health", () => {
  it("reports the database up, in the envelope, with a request id", async () => {
    const { res, body } = await api("/api/v1/health");
    expect(res.status).toBe(200);
    expect(body).toEqual({ success: true, data: { status: "ok", database: "up" } });
    expect(res.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{24}$/);
  });

  it("keeps a sane incoming x-request-id and replaces a malformed one", async () => {
    const kept = await fetch(`${baseUrl()}/api/v1/health`, { headers: { "x-request-id": "trace-1234-abcd" } });
    expect(kept.headers.get("x-request-id")).toBe("trace-1234-abcd");
    const replaced = await fetch(`${baseUrl()}/api/v1/health`, { headers: { "x-request-id": "bad id\twith spaces" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^req_/);
  });
});

describe("unknown API routes", () => {
  it("answer 404 in the envelope", async () => {
    const { res, body } = await api("/api/v1/does-not-exist", { method: "POST" });
    expect(res.status).toBe(404);
    expect(body.error).toMatchObject({ code: "E4040", type: "not_found", requestId: res.headers.get("x-request-id") });
  });
});

describe("GET /api/v1/user/me", () => {
  it("is 401 without credentials", async () => {
    const { res, body } = await api("/api/v1/user/me");
    expect(res.status).toBe(401);
    expect(body).toMatchObject({ success: false, error: { code: "E4010", type: "unauthorized" } });
    expect(body.error?.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("returns the signed-in user from the session cookie", async () => {
    const { cookie, userId } = await signUp("me@example.com");
    const { res, body } = await api("/api/v1/user/me", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(body.data).toMatchObject({ id: userId, email: "me@example.com", role: "user", authenticatedVia: "session" });
  });

  it("accepts an API key created over HTTP, by x-api-key or Bearer, until it is revoked", async () => {
    const { cookie, userId } = await signUp("keyholder@example.com");
    const { key, id } = await createKey(cookie);
    expect(key).toMatch(/^vf_live_/);

    const variants: Record<string, string>[] = [{ "x-api-key": key }, { authorization: `Bearer ${key}` }];
    for (const headers of variants) {
      const { res, body } = await api("/api/v1/user/me", { headers });
      expect(res.status).toBe(200);
      expect(body.data).toMatchObject({ id: userId, authenticatedVia: "api_key" });
    }

    expect((await revokeKey(cookie, id)).status).toBe(200);
    const { res } = await api("/api/v1/user/me", { headers: { "x-api-key": key } });
    expect(res.status).toBe(401);
  });

  it("shows the admin role for an email listed in ADMIN_EMAILS once it is verified", async () => {
    const email = inject("adminEmails")[0] ?? "";
    const { cookie } = await signUp(email);
    const before = await api<{ role: string; emailVerified: boolean }>("/api/v1/user/me", { headers: { cookie } });
    expect(before.body.data).toMatchObject({ role: "user", emailVerified: false });
    await verifyEmail(email, cookie);
    const { body } = await api<{ role: string; emailVerified: boolean }>("/api/v1/user/me", { headers: { cookie } });
    expect(body.data).toMatchObject({ role: "admin", emailVerified: true });
  });
});

describe("the web app", () => {
  it("renders the home page", async () => {
    const res = await fetch(`${baseUrl()}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("VideoFly");
  });
});

describe("server logs", () => {
  /** The server's log once it holds an access line for every request id (pino writes asynchronously). */
  async function logWith(requestIds: string[]): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const log = readFileSync(inject("serverLogFile"), "utf8");
      if (requestIds.every((id) => log.includes(`"requestId":"${id}"`))) return log;
      if (Date.now() > deadline) throw new Error(`no log line for ${requestIds.join(", ")}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("are JSON lines with request ids and never contain passwords, cookies or keys", async () => {
    const password = "a-very-distinct-password-1234";
    const { cookie } = await signUp("logcheck@example.com", password);
    const { key } = await createKey(cookie, { name: "log check" });
    expect(key).toMatch(/^vf_live_/);
    // A key one character off: refused, and no more to be logged than the real one.
    const wrongKey = `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`;

    const requests: [Record<string, string>, string, number][] = [
      [{ cookie }, "/api/v1/user/me", 200],
      [{ "x-api-key": key }, "/api/v1/user/me", 200],
      [{ authorization: `Bearer ${key}` }, "/api/v1/user/me", 200],
      [{ authorization: `Bearer ${key}` }, "/api/v1/credit/history?limit=1", 200],
      [{ "x-api-key": key }, "/api/v1/credit/history?limit=0", 400],
      [{ "x-api-key": wrongKey }, "/api/v1/user/me", 401],
      [{ authorization: `Bearer ${wrongKey}` }, "/api/v1/user/me", 401],
    ];
    const ids: string[] = [];
    for (const [headers, path, status] of requests) {
      const res = await fetch(`${baseUrl()}${path}`, { headers });
      expect(res.status, `${JSON.stringify(Object.keys(headers))} ${path}`).toBe(status);
      ids.push(res.headers.get("x-request-id") ?? "");
    }

    const log = await logWith(ids);
    const entries = log
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.find((e) => e.requestId === ids[1])).toMatchObject({
      event: "http.request",
      path: "/api/v1/user/me",
      status: 200,
    });
    const sessionToken = decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] ?? "";
    expect(sessionToken.length).toBeGreaterThan(10);
    expect(log).not.toContain(password);
    expect(log).not.toContain(sessionToken);
    // Not the key, nor any long piece of its secret part (a few leading characters may be shown as its prefix).
    for (const secret of [key, wrongKey, key.slice(-16), wrongKey.slice(-16)]) expect(log).not.toContain(secret);
    // Better Auth's own messages are JSON lines too, and a refused key is logged as no server error.
    expect(log).not.toContain("[Better Auth]");
    expect(entries).toContainEqual(
      expect.objectContaining({ event: "auth.api_key_refused", reason: "unknown", level: "info" }),
    );
  });
});
