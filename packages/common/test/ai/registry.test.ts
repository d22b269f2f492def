import { describe, expect, it } from "vitest";
import { createDemoProvider } from "../../src/ai/demo.ts";
import { createRegistry } from "../../src/ai/registry.ts";
import { AppError } from "../../src/errors/index.ts";
import { videoConfig } from "../../src/video/config.ts";

const production = (extra: Record<string, string> = {}) =>
  videoConfig({
    NODE_ENV: "production",
    APP_URL: "https://videofly.example",
    VIDEO_CALLBACK_SECRET: "callback-secret-0123456789",
    ...extra,
  });
const real = { ...createDemoProvider({ delayMs: 0, failRate: 0, videoUrl: "https://x.example/a.mp4" }), name: "kie" };
const names = (registry: ReturnType<typeof createRegistry>) =>
  ["demo", "kie"].filter((name) => registry.get(name) !== undefined);

describe("provider registry", () => {
  it("never switches the demo on by itself in production: no provider, and 503 E5030 naming the variables", () => {
    const registry = createRegistry([], production());
    expect(registry.configured).toBe(false);
    let thrown: unknown;
    try {
      registry.assertConfigured();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({
      status: 503,
      code: "E5030",
      details: {
        variables: [
          "KIE_API_KEY",
          "EVOLINK_API_KEY",
          "REPLICATE_API_TOKEN",
          "HEYGEN_API_KEY",
          "DID_API_KEY",
          "DEMO_PROVIDER",
        ],
      },
    });
    expect((thrown as Error).message).toBe(
      "No video provider is configured: set KIE_API_KEY, EVOLINK_API_KEY, REPLICATE_API_TOKEN, HEYGEN_API_KEY or DID_API_KEY, or DEMO_PROVIDER=on",
    );
  });

  it("runs the demo in production only when DEMO_PROVIDER=on", () => {
    const registry = createRegistry([], production({ DEMO_PROVIDER: "on" }));
    expect(names(registry)).toEqual(["demo"]);
    expect(() => registry.assertConfigured()).not.toThrow();
  });

  it("keeps the demo as the default in development and tests when no real provider is set", () => {
    for (const NODE_ENV of ["development", "test"]) {
      const registry = createRegistry([], videoConfig({ NODE_ENV }));
      expect(names(registry)).toEqual(["demo"]);
    }
    expect(names(createRegistry([], videoConfig({ NODE_ENV: "development", DEMO_PROVIDER: "off" })))).toEqual([]);
  });

  it("uses the real providers alone when they are configured, in any environment", () => {
    expect(names(createRegistry([real], production()))).toEqual(["kie"]);
    expect(names(createRegistry([real], videoConfig({})))).toEqual(["kie"]);
    expect(names(createRegistry([real], production({ DEMO_PROVIDER: "on" })))).toEqual(["demo", "kie"]);
  });
});
