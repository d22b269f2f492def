import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpointTable, replaceBetweenMarkers } from "../scripts/readme-endpoints";
import { createVideoFlyClient } from "../src/index";

const seen: { url?: string; method?: string; headers: IncomingHttpHeaders; body: string }[] = [];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => {
    body += chunk;
  });
  req.on("end", () => {
    seen.push({ url: req.url, method: req.method, headers: req.headers, body });
    res.writeHead(req.url === "/api/v1/credit/balance" ? 200 : 402, { "content-type": "application/json" });
    res.end(
      req.url === "/api/v1/credit/balance"
        ? JSON.stringify({
            success: true,
            data: { available: 7, frozen: 0, debt: 0, expiringSoon: { credits: 0, withinDays: 7, packages: [] } },
          })
        : JSON.stringify({
            success: false,
            error: { code: "E4001", type: "insufficient_credits", message: "no", requestId: "r" },
          }),
    );
  });
});
let baseUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("createVideoFlyClient", () => {
  it("calls /api/v1 with the key, the cookie and extra headers, and returns the envelope", async () => {
    const client = createVideoFlyClient({ baseUrl, apiKey: "vf_test", cookie: "a=b", headers: { "x-extra": "1" } });
    const { data, response } = await client.GET("/credit/balance");
    expect(response.status).toBe(200);
    expect(data?.data.available).toBe(7);
    expect(seen.at(-1)?.headers).toMatchObject({ "x-api-key": "vf_test", cookie: "a=b", "x-extra": "1" });
  });

  it("sends typed bodies and headers, and gives the error envelope on failure", async () => {
    const client = createVideoFlyClient({ baseUrl });
    const { error, response } = await client.POST("/video/generate", {
      body: { model: "kling-2.6", prompt: "a cat", duration: 5, quality: "standard" },
      params: { header: { "Idempotency-Key": "k1" } },
    });
    expect(response.status).toBe(402);
    expect(error?.error.code).toBe("E4001");
    expect(seen.at(-1)).toMatchObject({ url: "/api/v1/video/generate", method: "POST" });
    expect(seen.at(-1)?.headers["idempotency-key"]).toBe("k1");
    expect(JSON.parse(seen.at(-1)?.body ?? "{}")).toMatchObject({ model: "kling-2.6", duration: 5 });
  });
});

describe("the README endpoint table", () => {
  const document = {
    servers: [{ url: "/api/v1" }],
    paths: {
      "/video/generate": {
        post: { summary: "Generate a video", "x-auth": "session", "x-required-scope": "videos:write" },
      },
      "/health": { get: { summary: "Health", "x-auth": "public" } },
    },
  };

  it("lists every operation with its auth and scope", () => {
    const table = endpointTable(document).split("\n");
    expect(table).toHaveLength(4);
    expect(table[2]).toMatch(/^\| `POST \/api\/v1\/video\/generate` \| user, `videos:write` \| Generate a video \|$/);
    expect(table[3]).toMatch(/^\| `GET \/api\/v1\/health` +\| public +\| Health +\|$/);
  });

  it("replaces only what stands between the markers, and refuses a README without them", () => {
    const readme = "intro\n<!-- endpoints:start -->\nold\n<!-- endpoints:end -->\nrest\n";
    expect(replaceBetweenMarkers(readme, "new")).toBe(
      "intro\n<!-- endpoints:start -->\nnew\n<!-- endpoints:end -->\nrest\n",
    );
    expect(() => replaceBetweenMarkers("no markers", "new")).toThrow(/endpoints:start/);
  });
});
