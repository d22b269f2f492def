import { ConfigError } from "@videofly/db";
import { describe, expect, it } from "vitest";
import { webhookConfig } from "../../src/webhooks/index.ts";

describe("webhook configuration", () => {
  it("defaults to the 5 s schedule unit, a 15 s timeout, no loopback and a 3-day disable window", () => {
    expect(webhookConfig({})).toMatchObject({
      retryBaseMs: 5000,
      timeoutMs: 15_000,
      allowLoopback: false,
      disableAfterMs: 3 * 86_400_000,
    });
  });

  it("refuses WEBHOOK_ALLOW_LOOPBACK in a public production deployment, naming it", () => {
    const env = {
      NODE_ENV: "production",
      WEBHOOK_ALLOW_LOOPBACK: "true",
      APP_URL: "https://videofly.example",
      BETTER_AUTH_SECRET: "s".repeat(32),
    };
    expect(() => webhookConfig(env)).toThrow(ConfigError);
    expect(() => webhookConfig(env)).toThrow(/WEBHOOK_ALLOW_LOOPBACK/);
    // A production build served only on this machine (the HTTP tests) may use it.
    expect(webhookConfig({ ...env, APP_URL: "http://127.0.0.1:4000" }).allowLoopback).toBe(true);
  });

  it("needs BETTER_AUTH_SECRET in production: the worker decrypts what the app encrypted", () => {
    expect(() => webhookConfig({ NODE_ENV: "production" })).toThrow(/BETTER_AUTH_SECRET/);
  });
});
