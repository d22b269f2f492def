import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { buildOpenApiDocument, namedOperations } from "@/api/openapi";
import { operations } from "@/api/operations";
import { baseUrl, signUpVerified } from "./support/http";
import { sdk } from "./support/sdk";

const API_DIR = path.resolve(import.meta.dirname, "../src/app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
// Unknown /api/v1 paths answer 404 in the envelope: a route of the wrapper, not of the API.
const NOT_AN_OPERATION = new Set(["[...path]/route.ts"]);

const document = buildOpenApiDocument();
type OperationObject = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }>; "x-error-codes"?: string[] }>;
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  "x-required-scope"?: string;
};
const operationAt = (p: string, method: string) =>
  (document.paths?.[p] as Record<string, OperationObject> | undefined)?.[method.toLowerCase()];

function routeFiles(dir = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [path.relative(API_DIR, full)] : [];
  });
}

/** `video/[uuid]/route.ts` → `/video/{uuid}`; `files/[...key]/route.ts` → `/files/{key}`. */
function apiPathOf(file: string): string {
  const segments = path
    .dirname(file)
    .split(path.sep)
    .filter((s) => s !== ".");
  return `/${segments.map((s) => s.replace(/^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/, "{$1}")).join("/")}`;
}

/** The HTTP methods a route file exports: `export const GET`, `export async function GET`, `export { x as GET }`. */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) {
    found.add(m[1] as string);
  }
  for (const list of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const spec of (list[1] as string).split(",")) {
      const name = spec
        .trim()
        .split(/\s+as\s+/)
        .at(-1);
      if (name && (METHODS as readonly string[]).includes(name)) found.add(name);
    }
  }
  return [...found].sort();
}

describe("the OpenAPI document", () => {
  it("passes an OpenAPI validator", async () => {
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(document.openapi).toBe("3.1.0");
  });

  it("has every method of every /api/v1 route file, and nothing else", () => {
    const routes = routeFiles()
      .filter((file) => !NOT_AN_OPERATION.has(file))
      .flatMap((file) =>
        exportedMethods(readFileSync(path.join(API_DIR, file), "utf8")).map((m) => `${m} ${apiPathOf(file)}`),
      );
    expect(routes.length).toBeGreaterThan(20);
    const documented = Object.entries(document.paths ?? {}).flatMap(([p, item]) =>
      Object.keys(item as object).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const missing = routes.filter((r) => !operationAt(r.split(" ")[1] as string, r.split(" ")[0] as string));
    expect(missing).toEqual([]);
    expect(documented.sort()).toEqual([...routes].sort());
  });

  it("derives route paths and methods the way Next.js names them", () => {
    expect(apiPathOf(path.join("video", "[uuid]", "retry", "route.ts"))).toBe("/video/{uuid}/retry");
    expect(apiPathOf(path.join("files", "[...key]", "route.ts"))).toBe("/files/{key}");
    expect(exportedMethods("export const GET = x;\nconst y = 1; export { y as DELETE, z as PATCH, helper };")).toEqual([
      "DELETE",
      "GET",
      "PATCH",
    ]);
  });

  it("gives every operation an id, a summary, tags and a response schema", () => {
    const ids = namedOperations().map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { id, op } of namedOperations()) {
      const doc = operationAt(op.path, op.method);
      expect(doc?.operationId, id).toBe(id);
      expect(op.summary.length, id).toBeGreaterThan(5);
      expect(op.tags.length, id).toBeGreaterThan(0);
      if (!op.produces) expect(op.response, `${id} has no response schema`).toBeDefined();
    }
  });

  it("describes what generating a video needs and every error it can answer with", () => {
    const generate = operationAt("/video/generate", "POST");
    expect(generate?.["x-required-scope"]).toBe("videos:write");
    expect(generate?.security).toEqual([
      { sessionCookie: [] },
      { apiKey: ["videos:write"] },
      { bearer: ["videos:write"] },
    ]);
    expect(generate?.parameters).toContainEqual({ $ref: "#/components/parameters/IdempotencyKey" });
    const codes = Object.fromEntries(
      Object.entries(generate?.responses ?? {}).map(([status, r]) => [status, r["x-error-codes"]]),
    );
    expect(codes).toMatchObject({
      "400": ["E4000", "E4002", "E4003", "E4004"],
      "401": ["E4010"],
      "402": ["E4001"],
      "403": ["E4030"],
      "409": ["E4090"],
      "413": ["E4130"],
      "415": ["E4150"],
      "422": ["E4220"],
      "429": ["E4005", "E4290"],
      "500": ["E5000"],
      "502": ["E5001"],
    });
    const created = generate?.responses["201"]?.content?.["application/json"]?.schema;
    expect(created).toMatchObject({ properties: { data: { $ref: "#/components/schemas/Video" } } });
  });

  it("gives the session cookie Better Auth really sets, and public routes no security", () => {
    expect(document.components?.securitySchemes?.sessionCookie).toMatchObject({
      type: "apiKey",
      in: "cookie",
      name: "better-auth.session_token",
    });
    expect(operationAt("/health", "GET")?.security).toEqual([]);
    expect(operationAt("/user/me", "DELETE")?.security).toEqual([{ sessionCookie: [] }]);
  });

  it("describes files as bytes", () => {
    const download = operationAt("/files/{key}", "GET");
    expect(download?.responses["200"]?.content).toEqual({
      "application/octet-stream": { schema: { type: "string", format: "binary" } },
    });
  });
});

describe("GET /api/v1/openapi.json over HTTP", () => {
  it("serves the document as JSON", async () => {
    const res = await fetch(`${baseUrl()}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    const served = (await res.json()) as { openapi: string };
    expect(served.openapi).toBe("3.1.0");
    expect(served).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

describe("what the app answers over HTTP", () => {
  /** The envelope's data, held to the operation's documented schema: nothing missing, nothing extra. */
  function expectDocumented(op: { response?: z.ZodType }, answer: { data?: { data: unknown } }) {
    const data = answer.data?.data;
    const parsed = op.response?.safeParse(data);
    expect(parsed?.error?.issues ?? []).toEqual([]);
    expect(parsed?.data).toEqual(data);
  }

  it("is what the document says, read through the SDK", async () => {
    const client = sdk(await signUpVerified("openapi-shapes@example.com"));
    const { account, credits, system, video } = operations;
    const generated = await client.POST("/video/generate", {
      body: { model: "kling-2.6", prompt: "a paper boat on a river", duration: 5, quality: "standard" },
      params: { header: { "Idempotency-Key": "openapi-shapes-1" } },
    });
    expect(generated.response.status).toBe(201);
    expectDocumented(video.generateVideo, generated);
    const uuid = generated.data?.data.uuid ?? "";
    const path = { params: { path: { uuid } } };

    expectDocumented(video.getVideo, await client.GET("/video/{uuid}", path));
    expectDocumented(video.videoStatus, await client.GET("/video/{uuid}/status", path));
    expectDocumented(video.listVideos, await client.GET("/video/list", { params: { query: { limit: 5 } } }));
    expectDocumented(video.latestPublicVideos, await client.GET("/videos/latest"));
    expectDocumented(
      video.presignUpload,
      await client.POST("/upload/presign", { body: { contentType: "image/png", size: 1000 } }),
    );
    expectDocumented(account.currentUser, await client.GET("/user/me"));
    expectDocumented(credits.creditBalance, await client.GET("/credit/balance"));
    expectDocumented(credits.creditPackages, await client.GET("/credit/packages"));
    expectDocumented(credits.creditHistory, await client.GET("/credit/history"));
    expectDocumented(credits.billingOverview, await client.GET("/user/billing"));
    expectDocumented(system.health, await client.GET("/health"));
    expectDocumented(system.modelCatalogue, await client.GET("/config/models"));
    expectDocumented(system.productCatalogue, await client.GET("/config/products"));
    expectDocumented(video.deleteVideo, await client.DELETE("/video/{uuid}", path));
  });
});
