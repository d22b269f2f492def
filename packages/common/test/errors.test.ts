import { describe, expect, it } from "vitest";
import { AppError, errorCodes } from "../src/errors/index.ts";

describe("error codes", () => {
  const entries = Object.values(errorCodes);

  it("are unique in code and type", () => {
    expect(new Set(entries.map((e) => e.code)).size).toBe(entries.length);
    expect(new Set(entries.map((e) => e.type)).size).toBe(entries.length);
  });

  it("are E4xxx for client errors and E5xxx for ours, matching the HTTP status class", () => {
    for (const e of entries) {
      expect(e.code).toMatch(/^E[45]\d{3}$/);
      expect(e.code[1]).toBe(String(e.status)[0]);
    }
  });

  it("keep the numbers the API documents", () => {
    expect(errorCodes.INSUFFICIENT_CREDITS).toMatchObject({ code: "E4001", status: 402 });
    expect(errorCodes.MAX_CONCURRENT_GENERATIONS).toMatchObject({ code: "E4005", status: 429 });
    expect(errorCodes.ORIGINAL_URL_EXPIRED).toMatchObject({ code: "E4008", status: 410 });
    expect(errorCodes.CALLBACK_PROCESSING_FAILED.code).toBe("E5003");
  });

  it("AppError carries the entry, a custom message and details", () => {
    const error = new AppError("VIDEO_NOT_FOUND", { details: { uuid: "x" } });
    expect(error).toMatchObject({ code: "E4006", type: "video_not_found", status: 404, details: { uuid: "x" } });
    expect(new AppError("INTERNAL", { message: "custom" }).message).toBe("custom");
  });
});
