import { describe, expect, it } from "vitest";
import { idempotencyKeyHeader, requestFingerprint } from "../../src/idempotency/index.ts";

describe("idempotencyKeyHeader", () => {
  const ok = (value: string) => idempotencyKeyHeader.safeParse(value).success;

  it("accepts 1 to 255 printable ASCII characters", () => {
    expect(ok("a")).toBe(true);
    expect(ok("x".repeat(255))).toBe(true);
    expect(ok("3f1c9a2e-7b4d-4c1e-9f0a-2b6d8e4c1a7f")).toBe(true);
    expect(ok(" !~{}\"'\\ key with every kind: <>?=&")).toBe(true);
  });

  it("rejects empty, over 255 characters, control characters and non-ASCII", () => {
    expect(ok("")).toBe(false);
    expect(ok("x".repeat(256))).toBe(false);
    for (const bad of [
      "a\tb",
      "a\nb",
      "a\rb",
      "a\u0000b",
      "a\u001fb",
      "a\u007fb",
      "caf\u00e9",
      "key-\ud83d\udd11",
      "a\u00a0b",
    ]) {
      expect(ok(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("requestFingerprint", () => {
  const base = { method: "POST", route: "/video/generate", body: `{"prompt":"a cat"}` };

  it("is a sha256 in hex, the same for the same request", () => {
    expect(requestFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint({ ...base })).toBe(requestFingerprint(base));
    expect(requestFingerprint({ ...base, method: "post" })).toBe(requestFingerprint(base));
  });

  it("differs when the method, the route or the body differs, also when parts only shift", () => {
    const prints = [
      base,
      { ...base, method: "PUT" },
      { ...base, route: "/video/{uuid}/retry" },
      { ...base, body: `{"prompt":"a dog"}` },
      { ...base, body: `{"prompt": "a cat"}` },
      { method: "POST", route: "/a", body: "b" },
      { method: "POST", route: '/a","b', body: "" },
    ].map(requestFingerprint);
    expect(new Set(prints).size).toBe(prints.length);
  });
});
