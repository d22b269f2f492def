import { configAccessor } from "@videofly/db";
import { Webhook } from "standardwebhooks";
import { z } from "zod";

const key = z.string().min(1).optional();
// Paths are appended to the base URL, so a trailing slash would double up.
const baseUrl = (fallback: string) =>
  z
    .url()
    .default(fallback)
    .transform((url) => url.replace(/\/+$/, ""));

const schema = z.object({
  // A provider without its key is simply not available.
  KIE_API_KEY: key,
  // https://docs.kie.ai/veo3-api/quickstart: "API Base URL: https://api.kie.ai".
  KIE_BASE_URL: baseUrl("https://api.kie.ai"),
  // The "webhookHmacKey" from Kie's settings page; once enabled there, every callback is signed
  // (https://docs.kie.ai/common-api/webhook-verification) and unsigned ones are refused.
  KIE_WEBHOOK_HMAC_KEY: key,
  EVOLINK_API_KEY: key,
  // https://docs.evolink.ai/en/quickstart: multimodal tasks use https://api.evolink.ai.
  EVOLINK_BASE_URL: baseUrl("https://api.evolink.ai"),
  REPLICATE_API_TOKEN: key,
  REPLICATE_BASE_URL: baseUrl("https://api.replicate.com"),
  // GET /v1/webhooks/default/secret returns it as "whsec_<base64>"; a malformed one fails here,
  // at start-up, rather than rejecting every webhook later.
  REPLICATE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "REPLICATE_WEBHOOK_SECRET must look like whsec_<base64>")
    .refine(usableWebhookSecret, "REPLICATE_WEBHOOK_SECRET is not a usable signing secret")
    .optional(),
  HEYGEN_API_KEY: key,
  // https://docs.heygen.com: the API at https://api.heygen.com, talking photos uploaded to upload.heygen.com.
  HEYGEN_BASE_URL: baseUrl("https://api.heygen.com"),
  HEYGEN_UPLOAD_BASE_URL: baseUrl("https://upload.heygen.com"),
  // The `secret` POST /v1/webhook/endpoint.add answered: HeyGen signs every webhook with it.
  HEYGEN_WEBHOOK_SECRET: key,
  DID_API_KEY: key,
  // https://docs.d-id.com: https://api.d-id.com.
  DID_BASE_URL: baseUrl("https://api.d-id.com"),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
});

function usableWebhookSecret(secret: string): boolean {
  try {
    new Webhook(secret);
    return true;
  } catch {
    return false;
  }
}

export type ProvidersConfig = z.infer<typeof schema>;

export const providersConfig = configAccessor("providers", schema);
