import path from "node:path";
import { describe, expect, it } from "vitest";
import { storageConfig } from "../../src/storage/index.ts";

describe("storageConfig", () => {
  it("defaults to the local driver under the workspace root", () => {
    const config = storageConfig({});
    expect(config.driver).toBe("local");
    const root = path.resolve(import.meta.dirname, "../../../..");
    expect(config.driver === "local" && config.local.dir).toBe(path.join(root, ".data/storage"));
    expect(storageConfig({ STORAGE_LOCAL_DIR: "tmp/files" })).toMatchObject({
      local: { dir: path.join(root, "tmp/files") },
    });
  });

  it("requires a signing secret in production with the local driver only", () => {
    expect(() => storageConfig({ NODE_ENV: "production" })).toThrow(/STORAGE_SIGNING_SECRET/);
    expect(storageConfig({ NODE_ENV: "production", STORAGE_SIGNING_SECRET: "x".repeat(32) }).driver).toBe("local");
    expect(storageConfig({ NODE_ENV: "production", STORAGE_DRIVER: "s3", S3_BUCKET: "b" }).driver).toBe("s3");
  });

  it("refuses the local driver on Vercel (read-only disk), naming STORAGE_DRIVER", () => {
    for (const vercel of [{ VERCEL: "1" }, { VERCEL_ENV: "preview" }]) {
      expect(() => storageConfig(vercel)).toThrow(
        /^Invalid storage configuration: STORAGE_DRIVER: STORAGE_DRIVER=local cannot work on Vercel/,
      );
      expect(() => storageConfig({ ...vercel, STORAGE_DRIVER: "local" })).toThrow(/STORAGE_DRIVER/);
      expect(storageConfig({ ...vercel, STORAGE_DRIVER: "s3", S3_BUCKET: "b" }).driver).toBe("s3");
    }
  });

  it("names what an S3 setup is missing", () => {
    expect(() => storageConfig({ STORAGE_DRIVER: "s3" })).toThrow(/S3_BUCKET/);
    expect(() => storageConfig({ STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_ACCESS_KEY_ID: "k" })).toThrow(
      /S3_SECRET_ACCESS_KEY/,
    );
    expect(() => storageConfig({ STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_FORCE_PATH_STYLE: "yes" })).toThrow(
      /S3_FORCE_PATH_STYLE/,
    );
  });
});
