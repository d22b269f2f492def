import { describe, expect, it } from "vitest";
import { billingConfig } from "../src/billing/config.ts";
import { videoConfig } from "../src/video/config.ts";

describe("configuration that would lose money fails, naming the variable", () => {
  it("refuses CREEM_API_KEY without CREEM_WEBHOOK_SECRET, in every environment", () => {
    for (const NODE_ENV of ["development", "production"]) {
      expect(() => billingConfig({ NODE_ENV, CREEM_API_KEY: "creem_test_key" })).toThrow(
        /^Invalid billing configuration: CREEM_WEBHOOK_SECRET: CREEM_WEBHOOK_SECRET is required when CREEM_API_KEY is set/,
      );
    }
    const both = billingConfig({ CREEM_API_KEY: "creem_test_key", CREEM_WEBHOOK_SECRET: "whsec_x" });
    expect(both).toMatchObject({ CREEM_API_KEY: "creem_test_key", CREEM_WEBHOOK_SECRET: "whsec_x" });
    // Without Creem, nothing is needed.
    expect(billingConfig({}).CREEM_API_KEY).toBeUndefined();
  });

  it("requires APP_URL in production and keeps the localhost default in development", () => {
    const secret = "callback-secret-0123456789";
    expect(() => videoConfig({ NODE_ENV: "production", VIDEO_CALLBACK_SECRET: secret })).toThrow(
      /^Invalid video configuration: APP_URL: APP_URL is required in production/,
    );
    const url = "https://videofly.example";
    expect(videoConfig({ NODE_ENV: "production", VIDEO_CALLBACK_SECRET: secret, APP_URL: url }).APP_URL).toBe(url);
    expect(videoConfig({}).APP_URL).toBe("http://localhost:3000");
  });
});
