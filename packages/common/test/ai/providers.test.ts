import { randomBytes } from "node:crypto";
import { ConfigError } from "@videofly/db";
import { describe, expect, it } from "vitest";
import { availableProviders, providersConfig } from "../../src/ai/providers/index.ts";

describe("provider configuration", () => {
  it("needs no variable: no provider, documented base URLs, a 30 s timeout", () => {
    const config = providersConfig({});
    expect(config).toMatchObject({
      KIE_BASE_URL: "https://api.kie.ai",
      EVOLINK_BASE_URL: "https://api.evolink.ai",
      REPLICATE_BASE_URL: "https://api.replicate.com",
      HEYGEN_BASE_URL: "https://api.heygen.com",
      HEYGEN_UPLOAD_BASE_URL: "https://upload.heygen.com",
      DID_BASE_URL: "https://api.d-id.com",
      PROVIDER_TIMEOUT_MS: 30_000,
    });
    expect(availableProviders(config)).toEqual([]);
  });

  it("offers each provider whose key is set, under its name", () => {
    const config = providersConfig({
      KIE_API_KEY: "k",
      EVOLINK_API_KEY: "e",
      REPLICATE_API_TOKEN: "r8_x",
      REPLICATE_BASE_URL: "http://127.0.0.1:9/",
      PROVIDER_TIMEOUT_MS: "500",
      // An empty variable means "not set".
      KIE_WEBHOOK_HMAC_KEY: "",
    });
    expect(config.REPLICATE_BASE_URL).toBe("http://127.0.0.1:9");
    expect(config.PROVIDER_TIMEOUT_MS).toBe(500);
    expect(config.KIE_WEBHOOK_HMAC_KEY).toBeUndefined();
    expect(availableProviders(config).map((p) => p.name)).toEqual(["kie", "evolink", "replicate"]);
    expect(availableProviders(providersConfig({ EVOLINK_API_KEY: "e" })).map((p) => p.name)).toEqual(["evolink"]);
    const lipsync = providersConfig({ HEYGEN_API_KEY: "h", DID_API_KEY: "d" });
    expect(availableProviders(lipsync).map((p) => p.name)).toEqual(["heygen", "did"]);
  });

  it("refuses a malformed webhook secret, a bad URL or timeout, naming the variable", () => {
    expect(() => providersConfig({ REPLICATE_WEBHOOK_SECRET: "not-a-secret" })).toThrow(ConfigError);
    expect(() => providersConfig({ KIE_BASE_URL: "api.kie.ai" })).toThrow(/KIE_BASE_URL/);
    expect(() => providersConfig({ PROVIDER_TIMEOUT_MS: "0" })).toThrow(/PROVIDER_TIMEOUT_MS/);
    const secret = `whsec_${randomBytes(24).toString("base64")}`;
    expect(providersConfig({ REPLICATE_WEBHOOK_SECRET: secret }).REPLICATE_WEBHOOK_SECRET).toBe(secret);
  });
});
