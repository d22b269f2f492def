import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { webhookConfig } from "./config.ts";

const VERSION = "v1";

/** A Standard Webhooks signing secret: `whsec_` and the base64 of 32 random bytes. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

// The key is derived (HKDF) rather than BETTER_AUTH_SECRET itself, so the two uses never share a key.
function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", webhookConfig().keySecret, "videofly", "webhook-signing-secret", 32));
}

/** AES-256-GCM: `v1:<base64 of iv | tag | ciphertext>`. */
export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64")}`;
}

export function decryptSecret(stored: string): string {
  const [version, body] = stored.split(":");
  if (version !== VERSION || !body) throw new Error("unknown webhook secret format");
  const raw = Buffer.from(body, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
