import { type AppServer, TEST_SECRETS } from "./app-server";
import { signUp, verifyEmail } from "./http";

export interface Caller {
  cookie: string;
  userId: string;
}

/** A JSON call to `server` as `caller` (or anonymously), with the Origin a browser sends. */
export async function callAs<T = unknown>(
  server: AppServer,
  caller: Caller | null,
  path: string,
  init: { method?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = { origin: server.baseUrl };
  if (caller) headers.cookie = caller.cookie;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${server.baseUrl}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = (await res.json()) as {
    success: boolean;
    data: T;
    error?: { code: string; details?: { fields?: { field: string }[] } };
  };
  return { res, body };
}

/** A verified user of `server` (so with the sign-up bonus, enough for a few demo videos). */
export async function verifiedUser(server: AppServer, email: string): Promise<Caller> {
  const { cookie, userId } = await signUp(email, "correct horse battery", server.baseUrl);
  await verifyEmail(email, cookie);
  return { cookie, userId };
}

const spec = (prompt: string) => ({
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO",
  prompt,
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
});

/**
 * Videos `owner` generates with the demo provider, one prompt each, in order: each is run to
 * COMPLETED by the poll job (the cron route) before the next starts, so they finish in the order
 * given, and then set to `visibility`. Their uuids, in order.
 */
export async function finishedVideos(
  server: AppServer,
  owner: Caller,
  prompts: string[],
  visibility: "private" | "unlisted" | "public" = "public",
): Promise<string[]> {
  const uuids: string[] = [];
  for (const prompt of prompts) {
    const created = await callAs<{ uuid: string }>(server, owner, "/api/v1/video/generate", {
      method: "POST",
      body: spec(prompt),
    });
    if (created.res.status !== 201) throw new Error(`generate failed: ${JSON.stringify(created.body)}`);
    const { uuid } = created.body.data;
    await untilCompleted(server, owner, uuid);
    if (visibility !== "private") {
      const patched = await callAs(server, owner, `/api/v1/video/${uuid}`, { method: "PATCH", body: { visibility } });
      if (patched.res.status !== 200) throw new Error(`visibility failed: ${JSON.stringify(patched.body)}`);
    }
    uuids.push(uuid);
  }
  return uuids;
}

async function untilCompleted(server: AppServer, owner: Caller, uuid: string) {
  const seen: string[] = [];
  for (let i = 0; i < 100; i += 1) {
    await fetch(`${server.baseUrl}/api/cron/process-videos`, {
      headers: { authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` },
    });
    const { body } = await callAs<{ status: string }>(server, owner, `/api/v1/video/${uuid}/status`);
    if (seen.at(-1) !== body.data.status) seen.push(body.data.status);
    if (body.data.status === "COMPLETED") return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`video ${uuid} never completed; saw ${seen.join(" → ")}`);
}
