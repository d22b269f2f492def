import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.ts";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

describe("logger", () => {
  it("writes one JSON object per line with level, time and bound fields", () => {
    const { stream, lines } = capture();
    createLogger("info", stream).child({ requestId: "req_1" }).info({ event: "x" }, "hello");
    const entry = JSON.parse(lines[0] ?? "{}");
    expect(entry).toMatchObject({ level: "info", requestId: "req_1", event: "x", msg: "hello", service: "videofly" });
    expect(Date.parse(entry.time)).not.toBeNaN();
  });

  it("masks secrets at the top level and nested two levels deep", () => {
    const { stream, lines } = capture();
    createLogger("info", stream).info(
      {
        password: "p@ss-top",
        headers: { authorization: "Bearer tok-123", cookie: "session=abc", "x-api-key": "vf_key" },
        user: { profile: { token: "deep-token" } },
        safe: "visible",
      },
      "secrets",
    );
    const out = lines.join("\n");
    for (const secret of ["p@ss-top", "tok-123", "session=abc", "vf_key", "deep-token"]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("visible");
  });
});
