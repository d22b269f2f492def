import { pageSchema, timestamp } from "@videofly/common";
import { z } from "zod";
import { allowedIpSchema } from "./client-ip.ts";
import { type ApiScope, apiScopeSchema } from "./scopes.ts";

export const API_KEY_NAME_MAX = 64;
export const MAX_ALLOWED_IPS = 20;
export const RATE_LIMIT_PER_MINUTE_MAX = 10_000;
export const BATCH_MAX_ITEMS_MAX = 10_000;

const name = z.string().trim().min(1).max(API_KEY_NAME_MAX);
const scopes = z
  .array(apiScopeSchema)
  .min(1)
  .refine((list) => new Set(list).size === list.length, { message: "Each scope may be listed once." });
/** Requests a minute the key may make; null: API_KEY_RATE_LIMIT_PER_MINUTE. */
const rateLimitPerMinute = z.number().int().min(1).max(RATE_LIMIT_PER_MINUTE_MAX).nullable();
/** Callers the key is restricted to; null, empty or absent: any address. */
const allowedIps = z
  .array(allowedIpSchema)
  .max(MAX_ALLOWED_IPS)
  .nullable()
  .transform((list) => (list?.length ? [...new Set(list)] : null));

/** Videos one batch made with the key may have; null: BATCH_MAX_ITEMS. Set by admins (a plan's allowance). */
const batchMaxItems = z.number().int().min(1).max(BATCH_MAX_ITEMS_MAX).nullable();

const adminUpdateBody = z
  .strictObject({
    enabled: z.boolean().optional(),
    rateLimitPerMinute: rateLimitPerMinute.optional(),
    batchMaxItems: batchMaxItems.optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), { message: "Nothing to change." });

/** Request shapes of the key-management routes (the routes validate with these). */
export const apiKeySchemas = {
  createBody: z.strictObject({
    name,
    scopes,
    /** Whole days; the key never expires without it. */
    expiresInDays: z.number().int().min(1).max(365).optional(),
    rateLimitPerMinute: rateLimitPerMinute.optional(),
    allowedIps: allowedIps.optional(),
  }),
  updateBody: z
    .strictObject({
      name: name.optional(),
      scopes: scopes.optional(),
      rateLimitPerMinute: rateLimitPerMinute.optional(),
      allowedIps: allowedIps.optional(),
      enabled: z.boolean().optional(),
    })
    .refine((patch) => Object.values(patch).some((v) => v !== undefined), { message: "Nothing to change." }),
  adminUpdateBody,
  /** Better Auth's ids: 32 alphanumeric characters. */
  idParams: z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  adminListQuery: z.object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  }),
};

export type CreateApiKeyInput = z.input<typeof apiKeySchemas.createBody>;
export type UpdateApiKeyInput = z.input<typeof apiKeySchemas.updateBody>;
export type AdminUpdateApiKeyInput = z.input<typeof apiKeySchemas.adminUpdateBody>;

/** What we keep in the plugin's `metadata` column, next to the key (see api-keys.ts). */
const keyMetadataSchema = z.object({
  rateLimitPerMinute: z.number().int().nullable().default(null),
  allowedIps: z.array(z.string()).nullable().default(null),
  batchMaxItems: z.number().int().nullable().default(null),
});
export type KeyMetadata = z.output<typeof keyMetadataSchema>;

/**
 * A key's metadata as stored (a JSON string, by older plugin versions stringified twice) or as the
 * plugin returns it (an object). A key from before scopes has none: no limit of its own, any
 * address. Anything else unreadable is null, and such a key authenticates nothing: an address
 * restriction we cannot read must not become no restriction.
 */
export function readKeyMetadata(stored: unknown): KeyMetadata | null {
  let value: unknown = stored ?? {};
  for (let depth = 0; typeof value === "string" && depth < 2; depth++) value = parseJson(value);
  // The plugin stores a key made without metadata as the JSON text "null".
  const result = keyMetadataSchema.safeParse(value === null ? {} : value);
  return result.success ? result.data : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface ApiKeyView {
  id: string;
  name: string;
  /** The first characters of the key (`vf_live_AbCd`), to tell keys apart; the rest is never stored. */
  prefix: string | null;
  scopes: ApiScope[];
  expiresAt: Date | null;
  rateLimitPerMinute: number | null;
  allowedIps: string[] | null;
  batchMaxItems: number | null;
  enabled: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A key just made: the only time its secret is seen. */
export interface CreatedApiKey extends Omit<ApiKeyView, "lastUsedAt"> {
  key: string;
}

export interface AdminApiKeyView extends ApiKeyView {
  owner: { id: string; email: string };
}

const keyView = {
  id: z.string(),
  name: z.string(),
  prefix: z.string().nullable().meta({ description: "The key's first characters, to tell keys apart." }),
  scopes: z.array(apiScopeSchema),
  expiresAt: timestamp().nullable(),
  rateLimitPerMinute: z.int().nullable().meta({ description: "null: the default, API_KEY_RATE_LIMIT_PER_MINUTE." }),
  allowedIps: z.array(z.string()).nullable().meta({ description: "IPs or CIDRs; null: any address." }),
  batchMaxItems: z
    .int()
    .nullable()
    .meta({ description: "Videos a batch may have; null: the default, BATCH_MAX_ITEMS." }),
  enabled: z.boolean(),
  createdAt: timestamp(),
};
const lastUsedAt = timestamp().nullable().meta({ description: "To the half minute." });
const requests = z.int().meta({ description: "Requests in the usage audit (API_USAGE_RETENTION_DAYS)." });

/** Response shapes of the key-management routes, for the API document and the SDK. */
export const apiKeyResponses = {
  created: z
    .object({ ...keyView, key: z.string().meta({ description: "The secret: shown this once, never again." }) })
    .meta({ id: "CreatedApiKey" }),
  key: z.object({ ...keyView, lastUsedAt }).meta({ id: "ApiKey" }),
  listed: z.array(z.object({ ...keyView, lastUsedAt, requests }).meta({ id: "ListedApiKey" })),
  revoked: z.object({ id: z.string(), revoked: z.literal(true) }).meta({ id: "RevokedApiKey" }),
  admin: z
    .object({ ...keyView, lastUsedAt, owner: z.object({ id: z.string(), email: z.string() }) })
    .meta({ id: "AdminApiKey" }),
  adminPage: pageSchema(
    z.object({ ...keyView, lastUsedAt, owner: z.object({ id: z.string(), email: z.string() }), requests }),
    "AdminApiKeyPage",
  ),
};
