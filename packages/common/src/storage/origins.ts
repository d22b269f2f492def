import type { StorageConfig } from "./config.ts";

/**
 * The origins a browser fetches stored files from (players, previews) and uploads them to
 * (presigned PUTs), for the Content-Security-Policy. `appUrl` is the app's public URL (APP_URL),
 * under which the local driver's signed URLs point. For S3 these are the origins its presigned
 * URLs can take — virtual-hosted (`<bucket>.<host>`) or path-style (`<host>/<bucket>`), the SDK
 * choosing by bucket name — and STORAGE_PUBLIC_URL's.
 */
export function storageOrigins(config: StorageConfig, appUrl: string): string[] {
  if (config.driver === "local") return [new URL(appUrl).origin];
  const { bucket, region, endpoint, publicUrl } = config.s3;
  const base = new URL(endpoint ?? `https://s3.${region}.amazonaws.com`);
  const origins = [base.origin, `${base.protocol}//${bucket}.${base.host}`];
  if (publicUrl) origins.push(new URL(publicUrl).origin);
  return [...new Set(origins)];
}
