import { authConfig, createAuth } from "@videofly/auth";
import { AppError, createMailer, mailConfig } from "@videofly/common";
import { db } from "@videofly/db";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { defineRoute, respond } from "@/server/define-route";
import { mailTo } from "./support/http";

const CRON_SECRET = "cron-secret-for-this-test-0123";
process.env.CRON_SECRET = CRON_SECRET;
process.env.API_MAX_BODY_BYTES = "1024";
process.env.LOG_LEVEL = "silent";

const echo = defineRoute(
  {
    auth: "public",
    params: z.object({ id: z.string().regex(/^vid_/) }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    body: z.object({ prompt: z.string().min(1), duration: z.union([z.literal(5), z.literal(10)]) }),
  },
  async ({ params, query, body }) => respond({ params, query, body }, { status: 201 }),
);

function call(
  route: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  init: RequestInit & { path?: string; params?: Record<string, string> } = {},
) {
  const request = new Request(`http://localhost${init.path ?? "/api/v1/test"}`, init);
  return route(request, { params: Promise.resolve(init.params ?? {}) });
}

async function json(res: Response) {
  return (await res.json()) as {
    success: boolean;
    data?: unknown;
    error?: {
      code: string;
      type: string;
      message: string;
      details?: { fields?: { field: string }[] };
      requestId: string;
    };
  };
}

const post = (body: string, extra: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...extra },
  body,
});

describe("defineRoute input validation", () => {
  it("passes parsed params, query and body to the handler", async () => {
    const res = await call(echo, {
      path: "/api/v1/test?limit=5",
      params: { id: "vid_1" },
      ...post(JSON.stringify({ prompt: "a cat", duration: 10 })),
    });
    expect(res.status).toBe(201);
    expect(await json(res)).toEqual({
      success: true,
      data: { params: { id: "vid_1" }, query: { limit: 5 }, body: { prompt: "a cat", duration: 10 } },
    });
  });

  it("names every bad field across params, query and body in one 400", async () => {
    const res = await call(echo, {
      path: "/api/v1/test?limit=500",
      params: { id: "nope" },
      ...post(JSON.stringify({ prompt: "", duration: 7 })),
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error?.code).toBe("E4000");
    expect(body.error?.details?.fields?.map((f) => f.field).sort()).toEqual([
      "body.duration",
      "body.prompt",
      "params.id",
      "query.limit",
    ]);
  });

  it("rejects malformed JSON and a missing body with 400, never 500", async () => {
    const malformed = await call(echo, { params: { id: "vid_1" }, ...post("{not json") });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).error?.details?.fields?.[0]?.field).toBe("body");

    const missing = await call(echo, { params: { id: "vid_1" }, method: "POST" });
    expect(missing.status).toBe(400);
    expect((await json(missing)).error?.details?.fields?.[0]?.field).toBe("body");
  });

  it("rejects a body not declared application/json with 415, and takes one with a charset", async () => {
    const body = JSON.stringify({ prompt: "a fox", duration: 5 });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/jsonx"]) {
      const res = await call(echo, { params: { id: "vid_1" }, ...post(body, { "content-type": type }) });
      expect(res.status, type).toBe(415);
      expect((await json(res)).error?.code, type).toBe("E4150");
    }
    const declared = post(body, { "content-type": "Application/JSON; charset=utf-8" });
    expect((await call(echo, { params: { id: "vid_1" }, ...declared })).status).toBe(201);
  });

  it("rejects a body over the size cap with 413, whatever Content-Length claims", async () => {
    const big = JSON.stringify({ prompt: "x".repeat(5000), duration: 5 });
    const res = await call(echo, { params: { id: "vid_1" }, ...post(big) });
    expect(res.status).toBe(413);
    expect((await json(res)).error?.code).toBe("E4130");

    const stream = new Blob([big]).stream();
    const lying = await call(echo, {
      params: { id: "vid_1" },
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "10" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(lying.status).toBe(413);
  });
});

describe("defineRoute errors", () => {
  it("maps a domain error to its status, code and details, with the request id in body and header", async () => {
    const route = defineRoute({ auth: "public" }, async () => {
      throw new AppError("INSUFFICIENT_CREDITS", { details: { required: 5, available: 2 } });
    });
    const res = await call(route, { headers: { "x-request-id": "client-trace-0001" } });
    expect(res.status).toBe(402);
    expect(res.headers.get("x-request-id")).toBe("client-trace-0001");
    expect(await json(res)).toEqual({
      success: false,
      error: {
        code: "E4001",
        type: "insufficient_credits",
        message: "Not enough credits for this request.",
        details: { required: 5, available: 2 },
        requestId: "client-trace-0001",
      },
    });
  });

  it("passes a domain error's headers through (Retry-After on 429)", async () => {
    const route = defineRoute({ auth: "public" }, async () => {
      throw new AppError("RATE_LIMITED", { headers: { "retry-after": "7" } });
    });
    const res = await call(route);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
  });

  it("turns an unexpected error into a 500 that leaks nothing of it", async () => {
    const route = defineRoute({ auth: "public" }, async () => {
      throw new Error("connection string postgres://user:hunter2@db");
    });
    const res = await call(route);
    expect(res.status).toBe(500);
    const body = await json(res);
    expect(body.error?.code).toBe("E5000");
    expect(JSON.stringify(body)).not.toContain("hunter2");
  });
});

describe("defineRoute auth modes", () => {
  const whoami = (mode: "session" | "admin") =>
    defineRoute({ auth: mode }, async ({ identity }) => ({ id: identity.user.id, role: identity.user.role }));
  const cron = defineRoute({ auth: "cron" }, async () => ({ ran: true }));
  let userCookie = "";
  let adminCookie = "";

  beforeAll(async () => {
    const mail = createMailer(mailConfig({ NODE_ENV: "test", SMTP_URL: inject("smtpUrl") }));
    const auth = createAuth(authConfig({ NODE_ENV: "test", ADMIN_EMAILS: "root@example.com" }), db(), mail);
    const signUp = async (email: string) => {
      await auth.api.signUpEmail({ body: { email, password: "correct horse battery", name: "x" } });
      // The mailed link verifies the address (the admin role waits for it) and signs in.
      const verified = await auth.handler(new Request((await mailTo(email, /Verify your email/)).link));
      return verified.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
    };
    userCookie = await signUp("plain@example.com");
    adminCookie = await signUp("root@example.com");
  });

  it("session: 401 without a session, the user with one", async () => {
    expect((await call(whoami("session"))).status).toBe(401);
    const res = await call(whoami("session"), { headers: { cookie: userCookie } });
    expect(res.status).toBe(200);
    expect((await json(res)).data).toMatchObject({ role: "user" });
  });

  it("admin: 401 anonymous, 403 for a user, 200 for an admin", async () => {
    expect((await call(whoami("admin"))).status).toBe(401);
    const forbidden = await call(whoami("admin"), { headers: { cookie: userCookie } });
    expect(forbidden.status).toBe(403);
    expect((await json(forbidden)).error?.code).toBe("E4030");
    const ok = await call(whoami("admin"), { headers: { cookie: adminCookie } });
    expect((await json(ok)).data).toMatchObject({ role: "admin" });
  });

  it("cron: only the exact Bearer secret passes", async () => {
    expect((await call(cron)).status).toBe(401);
    expect((await call(cron, { headers: { authorization: `Bearer ${CRON_SECRET}x` } })).status).toBe(401);
    expect((await call(cron, { headers: { authorization: "Bearer short" } })).status).toBe(401);
    expect((await call(cron, { headers: { cookie: adminCookie } })).status).toBe(401);
    const ok = await call(cron, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    expect(ok.status).toBe(200);
  });
});
