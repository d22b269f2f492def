import { describe, expect, it } from "vitest";
import { storageConfig } from "../../src/storage/config.ts";
import { createStorage, storageOrigins } from "../../src/storage/index.ts";

const APP_URL = "https://videofly.example/";
const credentials = { S3_ACCESS_KEY_ID: "AKIDEXAMPLE", S3_SECRET_ACCESS_KEY: "secret-example" };

// Presigning is local computation, so these are the SDK's own URLs, not our idea of them.
const S3_SETUPS: Record<string, Record<string, string>> = {
  "AWS, virtual-hosted": { S3_BUCKET: "videofly-media", S3_REGION: "eu-west-1" },
  "AWS us-east-1": { S3_BUCKET: "videofly-media", S3_REGION: "us-east-1" },
  "AWS, a bucket name with dots": { S3_BUCKET: "media.videofly.example", S3_REGION: "eu-west-1" },
  "AWS, path-style": { S3_BUCKET: "videofly-media", S3_REGION: "eu-west-1", S3_FORCE_PATH_STYLE: "true" },
  "Cloudflare R2": { S3_BUCKET: "videofly", S3_ENDPOINT: "https://0123abcd.r2.cloudflarestorage.com" },
  "MinIO, path-style": { S3_BUCKET: "videofly", S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "true" },
  "public bucket URL": {
    S3_BUCKET: "videofly",
    S3_ENDPOINT: "https://0123abcd.r2.cloudflarestorage.com",
    STORAGE_PUBLIC_URL: "https://media.videofly.example/videos",
  },
};

describe("storageOrigins", () => {
  it("is the app's own origin for the local driver, where its signed URLs point", async () => {
    const config = storageConfig({ STORAGE_DRIVER: "local" });
    const url = await createStorage(config, { baseUrl: APP_URL }).presignDownload("videos/v/x.mp4", {
      expiresInSeconds: 60,
    });
    expect(storageOrigins(config, APP_URL)).toEqual([new URL(url).origin]);
  });

  it.each(Object.entries(S3_SETUPS))("covers every URL the S3 driver hands to browsers: %s", async (_, env) => {
    const config = storageConfig({ STORAGE_DRIVER: "s3", ...credentials, ...env });
    const driver = createStorage(config, { baseUrl: APP_URL });
    const key = "uploads/user_1/image.png";
    const urls = [
      await driver.presignDownload(key, { expiresInSeconds: 60 }),
      (await driver.presignUpload(key, { contentType: "image/png", maxBytes: 1000, expiresInSeconds: 60 })).url,
      driver.publicUrl(key),
    ].filter((u): u is string => u !== null);
    const origins = storageOrigins(config, APP_URL);
    for (const url of urls) expect(origins).toContain(new URL(url).origin);
  });
});
