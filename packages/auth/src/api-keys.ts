import { AppError, cursorCodec, cursorFields, type Page } from "@videofly/common";
import { db, pool } from "@videofly/db";
import { z } from "zod";
import {
  type AdminApiKeyView,
  type AdminUpdateApiKeyInput,
  type ApiKeyView,
  apiKeySchemas,
  type CreateApiKeyInput,
  type CreatedApiKey,
  type KeyMetadata,
  readKeyMetadata,
  type UpdateApiKeyInput,
} from "./api-key-schemas.ts";
import { auth } from "./auth.ts";
import { scopesOfStoredPermissions, scopesToPermissions } from "./scopes.ts";

// Better Auth's api-key plugin is the store: it makes and hashes the key, and verifies it
// (session.ts). Scopes are its `permissions`; the rate limit and the allowed addresses live in its
// `metadata`, written by the same INSERT as the key, so a key never exists without its
// restrictions (a table of our own would be a second write that could fail and leave the key
// unrestricted). The plugin's list and delete need a session cookie, and its update rewrites
// metadata whole (two concurrent patches would lose one): those go to the table directly, which
// is safe because the plugin keeps keys in the database only (no secondary-storage cache).

const DAY_SECONDS = 86_400;
const NOT_FOUND = "No such API key.";

type KeyRow = {
  id: string;
  name: string | null;
  start: string | null;
  enabled: boolean | null;
  expiresAt: Date | null;
  createdAt: Date;
  lastRequest: Date | null;
  permissions: string | null;
  metadata: string | null;
};

/** Makes a key for `userId`; its secret is in the result and nowhere else, ever. */
export async function createApiKey(userId: string, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const body = parseInput(apiKeySchemas.createBody, input);
  const metadata: KeyMetadata = {
    rateLimitPerMinute: body.rateLimitPerMinute ?? null,
    allowedIps: body.allowedIps ?? null,
    batchMaxItems: null,
  };
  const created = await auth().api.createApiKey({
    body: {
      userId,
      name: body.name,
      expiresIn: body.expiresInDays ? body.expiresInDays * DAY_SECONDS : null,
      permissions: scopesToPermissions(body.scopes),
      metadata,
    },
  });
  const { lastUsedAt: _, ...view } = viewOf(await keyRow(created.id));
  return { ...view, key: created.key };
}

/** The user's keys, newest first, without secrets. */
export async function listApiKeys(userId: string): Promise<ApiKeyView[]> {
  const rows = await db().apikey.findMany({
    where: { referenceId: userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(viewOf);
}

/** Changes one of the user's keys; another user's key is NOT_FOUND, as if it did not exist. */
export async function updateApiKey(userId: string, id: string, patch: UpdateApiKeyInput): Promise<ApiKeyView> {
  const body = parseInput(apiKeySchemas.updateBody, patch);
  await applyPatch(id, userId, {
    name: body.name,
    enabled: body.enabled,
    permissions: body.scopes && scopesToPermissions(body.scopes),
    metadata: definedOnly({ rateLimitPerMinute: body.rateLimitPerMinute, allowedIps: body.allowedIps }),
  });
  return viewOf(await keyRow(id));
}

/** Deletes one of the user's keys: the next request with it is refused (401). */
export async function revokeApiKey(userId: string, id: string): Promise<void> {
  const { count } = await db().apikey.deleteMany({ where: { id, referenceId: userId } });
  if (count === 0) throw new AppError("NOT_FOUND", { message: NOT_FOUND });
}

const adminKeyCursor = cursorCodec("admin_api_keys", z.tuple([cursorFields.timestamp, cursorFields.id]));

/** Every user's keys, newest first, with their owner; `cursor` is a `nextCursor` given before. */
export async function listAllApiKeys(input: { cursor?: string; limit: number }): Promise<Page<AdminApiKeyView>> {
  const { cursor: at, limit } = parseInput(
    z.object({ cursor: adminKeyCursor.query, limit: apiKeySchemas.adminListQuery.shape.limit }),
    input,
    "query",
  );
  const rows = await db().apikey.findMany({
    where: at
      ? { OR: [{ createdAt: { lt: new Date(at[0]) } }, { createdAt: new Date(at[0]), id: { lt: at[1] } }] }
      : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: { user: { select: { id: true, email: true } } },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ ...viewOf(row), owner: row.user })),
    nextCursor: rows.length > limit && last ? adminKeyCursor.encode([last.createdAt.toISOString(), last.id]) : null,
  };
}

/** An admin enables or disables any key, or sets its rate limit or batch size. */
export async function adminUpdateApiKey(id: string, patch: AdminUpdateApiKeyInput): Promise<AdminApiKeyView> {
  const body = parseInput(apiKeySchemas.adminUpdateBody, patch);
  await applyPatch(id, null, {
    enabled: body.enabled,
    metadata: definedOnly({ rateLimitPerMinute: body.rateLimitPerMinute, batchMaxItems: body.batchMaxItems }),
  });
  const row = await keyRow(id);
  return { ...viewOf(row), owner: row.user };
}

interface Patch {
  name?: string;
  enabled?: boolean;
  permissions?: Record<string, string[]>;
  metadata: Partial<KeyMetadata>;
}

/**
 * One UPDATE: the metadata fields given are merged into what is stored, in the statement itself,
 * so concurrent patches of different fields all land. `owner` null: any owner (admins).
 */
async function applyPatch(id: string, owner: string | null, patch: Patch): Promise<void> {
  const { rowCount } = await pool().query(
    `UPDATE apikey SET
       name = COALESCE($3, name),
       enabled = COALESCE($4, enabled),
       permissions = COALESCE($5, permissions),
       metadata = (CASE WHEN metadata IS NOT NULL AND jsonb_typeof(metadata::jsonb) = 'object'
                        THEN metadata::jsonb ELSE '{}'::jsonb END || $6::jsonb)::text,
       "updatedAt" = now()
     WHERE id = $1 AND ($2::text IS NULL OR "referenceId" = $2)`,
    [
      id,
      owner,
      patch.name ?? null,
      patch.enabled ?? null,
      patch.permissions ? JSON.stringify(patch.permissions) : null,
      JSON.stringify(patch.metadata),
    ],
  );
  if (rowCount === 0) throw new AppError("NOT_FOUND", { message: NOT_FOUND });
}

/** The key as it is now; one revoked meanwhile is NOT_FOUND. */
async function keyRow(id: string) {
  const row = await db().apikey.findUnique({ where: { id }, include: { user: { select: { id: true, email: true } } } });
  if (!row) throw new AppError("NOT_FOUND", { message: NOT_FOUND });
  return row;
}

function viewOf(row: KeyRow): ApiKeyView {
  const metadata = readKeyMetadata(row.metadata);
  return {
    id: row.id,
    name: row.name ?? "",
    prefix: row.start,
    scopes: scopesOfStoredPermissions(row.permissions),
    expiresAt: row.expiresAt,
    rateLimitPerMinute: metadata?.rateLimitPerMinute ?? null,
    allowedIps: metadata?.allowedIps ?? null,
    batchMaxItems: metadata?.batchMaxItems ?? null,
    enabled: row.enabled !== false,
    createdAt: row.createdAt,
    lastUsedAt: row.lastRequest,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Validates at the domain's edge too, so a caller that skipped the route's schema gets a 400. */
function parseInput<S extends z.ZodType>(schema: S, input: unknown, source = "body"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    field: [source, ...issue.path.map(String)].join("."),
    code: issue.code,
    message: issue.message,
  }));
  throw new AppError("VALIDATION_FAILED", {
    message: `Invalid request: ${fields.map((f) => f.field).join(", ")}`,
    details: { fields },
  });
}
