import path from "node:path";
import { configAccessor } from "@videofly/db";
import { z } from "zod";
import { workspaceRoot } from "../workspace.ts";

// Known to everyone, so it signs nothing worth forging: production must set its own.
const DEVELOPMENT_SIGNING_SECRET = "videofly-development-storage-signing-secret-not-for-production";

const flag = z.enum(["true", "false"]).transform((v) => v === "true");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
    /** Absolute, or relative to the workspace root (see `workspaceRoot`). */
    STORAGE_LOCAL_DIR: z.string().default(".data/storage"),
    STORAGE_SIGNING_SECRET: z.string().min(32, "STORAGE_SIGNING_SECRET must be at least 32 characters").optional(),
    S3_BUCKET: z.string().min(1).optional(),
    // "auto" is what Cloudflare R2 expects; AWS needs the bucket's real region.
    S3_REGION: z.string().min(1).default("auto"),
    S3_ENDPOINT: z.url().optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    // MinIO and most self-hosted servers only answer path-style requests.
    S3_FORCE_PATH_STYLE: flag.default(false),
    STORAGE_PUBLIC_URL: z.url().optional(),
    // Set by Vercel on its builds and functions.
    VERCEL: z.string().optional(),
    VERCEL_ENV: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    // The secret only signs the local driver's URLs; an S3 deployment has no use for it.
    if (env.STORAGE_DRIVER === "local" && env.NODE_ENV === "production" && !env.STORAGE_SIGNING_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["STORAGE_SIGNING_SECRET"],
        message:
          "STORAGE_SIGNING_SECRET is required in production with the local driver (generate one with `openssl rand -base64 32`)",
      });
    }
    // Vercel's functions have a read-only disk (and no shared one): every stored file would fail.
    if (env.STORAGE_DRIVER === "local" && (env.VERCEL === "1" || env.VERCEL_ENV)) {
      ctx.addIssue({
        code: "custom",
        path: ["STORAGE_DRIVER"],
        message: "STORAGE_DRIVER=local cannot work on Vercel (read-only disk): set STORAGE_DRIVER=s3 and S3_BUCKET",
      });
    }
    if (env.STORAGE_DRIVER === "s3" && !env.S3_BUCKET) {
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "S3_BUCKET is required when STORAGE_DRIVER=s3" });
    }
    // Neither set means the SDK's default chain (instance role, AWS_* variables, …).
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: [env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"],
        message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together",
      });
    }
  })
  .transform((env) =>
    env.STORAGE_DRIVER === "s3"
      ? {
          driver: "s3" as const,
          s3: {
            // Checked by superRefine above.
            bucket: env.S3_BUCKET ?? "",
            region: env.S3_REGION,
            endpoint: env.S3_ENDPOINT,
            credentials:
              env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
                ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
                : undefined,
            forcePathStyle: env.S3_FORCE_PATH_STYLE,
            publicUrl: env.STORAGE_PUBLIC_URL?.replace(/\/+$/, ""),
          },
        }
      : {
          driver: "local" as const,
          local: {
            dir: path.resolve(workspaceRoot(), env.STORAGE_LOCAL_DIR),
            signingSecret: env.STORAGE_SIGNING_SECRET ?? DEVELOPMENT_SIGNING_SECRET,
          },
        },
  );

export type StorageConfig = z.output<typeof schema>;
export type LocalStorageConfig = Extract<StorageConfig, { driver: "local" }>["local"];
export type S3StorageConfig = Extract<StorageConfig, { driver: "s3" }>["s3"];

export const storageConfig = configAccessor("storage", schema);
