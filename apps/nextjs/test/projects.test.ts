import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "./support/app-server";
import { fieldsOf, verifyEmail } from "./support/http";
import { createKey } from "./support/keys";
import { sdk } from "./support/sdk";

// Projects over HTTP with the SDK, on this file's own app server and database, with the demo
// provider: CRUD, a project's videos, bulk moves (all or nothing), generating and batching into a
// project, another user's ids, validation naming its fields.
let app: AppServer;

const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
} as const;
const MISSING = "prj_00000000000000000000000000000000";

beforeAll(async () => {
  app = await startAppServer({
    DATABASE_URL: process.env.DATABASE_URL ?? "",
    SIGNUP_BONUS_CREDITS: "100",
    DEMO_PROVIDER_DELAY_MS: "60000",
    VIDEO_MAX_CONCURRENT: "5",
  });
}, 60_000);

afterAll(() => app?.stop());

/** A verified user (100 credits) and an SDK client on an API key of theirs with the video scopes. */
async function keyedUser(email: string) {
  const res = await fetch(`${app.baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.baseUrl },
    body: JSON.stringify({ email, password: "correct horse battery", name: "p" }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  await verifyEmail(email, cookie);
  const key = await createKey(
    cookie,
    { scopes: ["videos:read", "videos:write", "batches:read", "batches:write"] },
    app.baseUrl,
  );
  return { cookie, client: sdk({ apiKey: key.key }, app.baseUrl) };
}

type Client = Awaited<ReturnType<typeof keyedUser>>["client"];

async function newProject(client: Client, name: string) {
  const { data, response } = await client.POST("/projects", { body: { name } });
  expect(response.status).toBe(201);
  return data?.data as NonNullable<typeof data>["data"];
}

async function generate(client: Client, prompt: string, projectId?: string) {
  const { data, error, response } = await client.POST("/video/generate", { body: { ...kling, prompt, projectId } });
  expect(response.status, JSON.stringify(error)).toBe(201);
  return data?.data as NonNullable<typeof data>["data"];
}

describe("projects over HTTP", () => {
  it("are created once per Idempotency-Key, read, listed in pages, searched, renamed and deleted", async () => {
    const { client } = await keyedUser("projects-crud@example.com");
    const headers = { "idempotency-key": "project-once" };
    const a = await client.POST("/projects", { body: { name: "Spring", description: "Ads" }, headers });
    const b = await client.POST("/projects", { body: { name: "Spring", description: "Ads" }, headers });
    expect(a.response.status).toBe(201);
    expect(b.response.headers.get("idempotent-replayed")).toBe("true");
    const spring = a.data?.data;
    expect(b.data?.data.id).toBe(spring?.id);
    expect(spring).toMatchObject({ name: "Spring", description: "Ads", status: "idle", videoCount: 0 });
    await newProject(client, "Summer");
    await newProject(client, "Autumn spring-ish");

    const first = await client.GET("/projects", { params: { query: { limit: 2 } } });
    expect(first.data?.data.items.map((p) => p.name)).toEqual(["Autumn spring-ish", "Summer"]);
    const cursor = first.data?.data.nextCursor ?? "";
    const second = await client.GET("/projects", { params: { query: { limit: 2, cursor } } });
    expect([second.data?.data.items.map((p) => p.name), second.data?.data.nextCursor]).toEqual([["Spring"], null]);
    const found = await client.GET("/projects", { params: { query: { q: "SPRING" } } });
    expect(found.data?.data.items.map((p) => p.name)).toEqual(["Autumn spring-ish", "Spring"]);
    const bad = await client.GET("/projects", { params: { query: { cursor: "bm9wZQ" } } });
    expect([bad.response.status, fieldsOf(bad.error as never)]).toEqual([400, ["query.cursor"]]);

    const id = spring?.id as string;
    const renamed = await client.PATCH("/projects/{id}", {
      params: { path: { id } },
      body: { name: "Spring 2027", description: null },
    });
    expect(renamed.data?.data).toMatchObject({ id, name: "Spring 2027", description: null });
    expect((await client.GET("/projects/{id}", { params: { path: { id } } })).data?.data.name).toBe("Spring 2027");
    const gone = await client.DELETE("/projects/{id}", { params: { path: { id }, query: {} } });
    expect(gone.data?.data).toEqual({ id, deleted: true, videos: "keep", videoCount: 0 });
    const after = await client.GET("/projects/{id}", { params: { path: { id } } });
    expect([after.response.status, after.error?.error.code]).toEqual([404, "E4040"]);
  });

  it("refuse bad bodies naming the field, and keys without the scope", async () => {
    const { cookie, client } = await keyedUser("projects-validation@example.com");
    for (const [body, field] of [
      [{ name: "" }, "body.name"],
      [{ name: "x".repeat(101) }, "body.name"],
      [{ name: "ok", description: "d".repeat(2001) }, "body.description"],
    ] as const) {
      const { response, error } = await client.POST("/projects", { body });
      expect([response.status, fieldsOf(error as never)]).toEqual([400, [field]]);
    }
    const project = await newProject(client, "Valid");
    const empty = await client.PATCH("/projects/{id}", { params: { path: { id: project.id } }, body: {} });
    expect(empty.response.status).toBe(400);
    const badId = await client.GET("/projects/{id}", { params: { path: { id: "nope" } } });
    expect([badId.response.status, fieldsOf(badId.error as never)]).toEqual([400, ["params.id"]]);
    const tooMany = await client.POST("/projects/{id}/videos", {
      params: { path: { id: project.id } },
      body: { videoUuids: Array.from({ length: 101 }, () => crypto.randomUUID()) },
    });
    expect([tooMany.response.status, fieldsOf(tooMany.error as never)]).toEqual([400, ["body.videoUuids"]]);
    const badMode = await client.DELETE("/projects/{id}", {
      params: { path: { id: project.id }, query: { videos: "maybe" as "keep" } },
    });
    expect([badMode.response.status, fieldsOf(badMode.error as never)]).toEqual([400, ["query.videos"]]);

    const readOnly = await createKey(cookie, { scopes: ["videos:read"] }, app.baseUrl);
    const refused = await sdk({ apiKey: readOnly.key }, app.baseUrl).POST("/projects", { body: { name: "x" } });
    expect([refused.response.status, refused.error?.error.details]).toEqual([403, { requiredScope: "videos:write" }]);
  });

  it("start a video and a batch in a project; refuse another user's project naming projectId", async () => {
    const { client } = await keyedUser("projects-start@example.com");
    const other = await keyedUser("projects-start-other@example.com");
    const project = await newProject(client, "Starts");
    const theirs = await newProject(other.client, "Theirs");

    const video = await generate(client, "a lighthouse", project.id);
    expect(video.projectId).toBe(project.id);
    expect((await client.GET("/video/{uuid}", { params: { path: { uuid: video.uuid } } })).data?.data.projectId).toBe(
      project.id,
    );
    const batch = await client.POST("/batches", {
      body: { ...kling, template: "a {thing}", variables: { thing: ["cat", "dog"] }, projectId: project.id },
    });
    expect(batch.response.status).toBe(201);
    const items = await client.GET("/batches/{id}/videos", { params: { path: { id: batch.data?.data.id ?? "" } } });
    expect(items.data?.data.items.map((v) => v.projectId)).toEqual([project.id, project.id]);

    const read = await client.GET("/projects/{id}", { params: { path: { id: project.id } } });
    expect(read.data?.data).toMatchObject({ status: "active", videoCount: 3 });
    const listed = await client.GET("/projects/{id}/videos", { params: { path: { id: project.id }, query: {} } });
    // Newest first; a batch's items share their creation time (then the order is by id).
    const prompts = listed.data?.data.items.map((v) => v.prompt) ?? [];
    expect([prompts.slice(0, 2).sort(), prompts[2]]).toEqual([["a cat", "a dog"], "a lighthouse"]);
    const queued = await client.GET("/projects/{id}/videos", {
      params: { path: { id: project.id }, query: { status: "QUEUED" } },
    });
    expect(queued.data?.data.items.every((v) => v.status === "QUEUED")).toBe(true);

    const balance = (await client.GET("/credit/balance", {})).data?.data;
    for (const projectId of [theirs.id, MISSING, "not-a-project"]) {
      const one = await client.POST("/video/generate", { body: { ...kling, prompt: "no", projectId } });
      expect([one.response.status, fieldsOf(one.error as never)]).toEqual([400, ["body.projectId"]]);
      const many = await client.POST("/batches", { body: { ...kling, items: [{ prompt: "no" }], projectId } });
      expect([many.response.status, fieldsOf(many.error as never)]).toEqual([400, ["body.projectId"]]);
    }
    expect((await client.GET("/credit/balance", {})).data?.data).toEqual(balance);
    expect(
      (await other.client.GET("/projects/{id}", { params: { path: { id: theirs.id } } })).data?.data.videoCount,
    ).toBe(0);
  });

  it("move videos in bulk, all or nothing; another user's video or project is a 404 naming it", async () => {
    const { client } = await keyedUser("projects-move@example.com");
    const other = await keyedUser("projects-move-other@example.com");
    const project = await newProject(client, "Target");
    const theirs = await newProject(other.client, "Theirs");
    const mine = [(await generate(client, "one")).uuid, (await generate(client, "two")).uuid];
    const foreign = (await generate(other.client, "not yours")).uuid;

    const refused = await client.POST("/projects/{id}/videos", {
      params: { path: { id: project.id } },
      body: { videoUuids: [...mine, foreign] },
    });
    expect([refused.response.status, refused.error?.error.code, refused.error?.error.details]).toEqual([
      404,
      "E4006",
      { uuids: [foreign] },
    ]);
    expect(refused.error?.error.message).toContain(foreign);
    const none = await client.GET("/projects/{id}/videos", { params: { path: { id: project.id }, query: {} } });
    expect(none.data?.data.items).toEqual([]);

    for (const attempt of [
      () => client.POST("/projects/{id}/videos", { params: { path: { id: theirs.id } }, body: { videoUuids: mine } }),
      () => client.POST("/videos/move", { body: { videoUuids: mine, projectId: theirs.id } }),
    ]) {
      const { response, error } = await attempt();
      expect([response.status, error?.error.code, error?.error.details]).toEqual([404, "E4040", { id: theirs.id }]);
    }

    const moved = await client.POST("/projects/{id}/videos", {
      params: { path: { id: project.id } },
      body: { videoUuids: mine },
    });
    expect(moved.data?.data).toEqual({ projectId: project.id, moved: 2, videoUuids: mine });
    const out = await client.POST("/videos/move", { body: { videoUuids: [mine[0] as string], projectId: null } });
    expect(out.data?.data.moved).toBe(1);
    const left = await client.GET("/projects/{id}/videos", { params: { path: { id: project.id }, query: {} } });
    expect(left.data?.data.items.map((v) => v.uuid)).toEqual([mine[1]]);

    for (const attempt of [
      () => other.client.GET("/projects/{id}", { params: { path: { id: project.id } } }),
      () => other.client.PATCH("/projects/{id}", { params: { path: { id: project.id } }, body: { name: "mine" } }),
      () =>
        other.client.DELETE("/projects/{id}", { params: { path: { id: project.id }, query: { videos: "delete" } } }),
      () => other.client.GET("/projects/{id}/videos", { params: { path: { id: project.id }, query: {} } }),
    ]) {
      const { response, error } = await attempt();
      expect([response.status, error?.error.code]).toEqual([404, "E4040"]);
    }
    expect((await client.GET("/projects/{id}", { params: { path: { id: project.id } } })).data?.data).toMatchObject({
      name: "Target",
      videoCount: 1,
    });
  });

  it("delete a project keeping its videos or deleting them", async () => {
    const { client } = await keyedUser("projects-delete@example.com");
    const keep = await newProject(client, "Keep");
    const kept = await generate(client, "kept", keep.id);
    const k = await client.DELETE("/projects/{id}", { params: { path: { id: keep.id }, query: { videos: "keep" } } });
    expect(k.data?.data).toEqual({ id: keep.id, deleted: true, videos: "keep", videoCount: 1 });
    const still = await client.GET("/video/{uuid}", { params: { path: { uuid: kept.uuid } } });
    expect([still.response.status, still.data?.data.projectId]).toEqual([200, null]);

    const drop = await newProject(client, "Drop");
    const dropped = await generate(client, "dropped", drop.id);
    const d = await client.DELETE("/projects/{id}", { params: { path: { id: drop.id }, query: { videos: "delete" } } });
    expect(d.data?.data).toMatchObject({ videos: "delete", videoCount: 1 });
    const gone = await client.GET("/video/{uuid}", { params: { path: { uuid: dropped.uuid } } });
    expect([gone.response.status, gone.error?.error.code]).toEqual([404, "E4006"]);
    const list = await client.GET("/video/list", { params: { query: {} } });
    expect(list.data?.data.items.map((v) => v.uuid)).toEqual([kept.uuid]);
  });
});
