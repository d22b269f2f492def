import { pool } from "@videofly/db";
import { AppError } from "../errors/index.ts";
import type { WebhookEventType } from "./events.ts";
import type { CreateEndpointInput, UpdateEndpointInput } from "./schemas.ts";
import { encryptSecret, generateSecret } from "./secrets.ts";
import { assertWebhookTarget } from "./target.ts";

/** How long the secret before a rotation keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string | null;
  events: Exclude<WebhookEventType, "ping">[];
  enabled: boolean;
  disabledReason: "gone" | "failing" | "manual" | null;
  failingSince: Date | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type WebhookEndpointWithSecret = WebhookEndpointView & { secret: string };

const COLUMNS = `id, url, description, events, enabled, "disabledReason", "failingSince",
  CASE WHEN "previousSecretExpiresAt" > now() THEN "previousSecretExpiresAt" END AS "previousSecretExpiresAt",
  "createdAt", "updatedAt"`;

function notFound(): AppError {
  return new AppError("NOT_FOUND", { message: "Webhook endpoint not found." });
}

/** Registers an endpoint; its signing secret is returned here and never again. */
export async function createWebhookEndpoint(
  userId: string,
  input: CreateEndpointInput,
): Promise<WebhookEndpointWithSecret> {
  const url = await assertWebhookTarget(input.url);
  const secret = generateSecret();
  const { rows } = await pool().query<WebhookEndpointView>(
    `INSERT INTO webhook_endpoint ("userId", url, description, events, "secretEncrypted")
     VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
    [userId, url, input.description ?? null, input.events, encryptSecret(secret)],
  );
  return { ...(rows[0] as WebhookEndpointView), secret };
}

export async function listWebhookEndpoints(userId: string): Promise<WebhookEndpointView[]> {
  const { rows } = await pool().query<WebhookEndpointView>(
    `SELECT ${COLUMNS} FROM webhook_endpoint WHERE "userId" = $1 ORDER BY "createdAt" DESC, id DESC`,
    [userId],
  );
  return rows;
}

/** One of the user's endpoints; another user's is as absent as a missing one. */
export async function getWebhookEndpoint(userId: string, id: string): Promise<WebhookEndpointView> {
  const { rows } = await pool().query<WebhookEndpointView>(
    `SELECT ${COLUMNS} FROM webhook_endpoint WHERE id = $1 AND "userId" = $2`,
    [id, userId],
  );
  if (!rows[0]) throw notFound();
  return rows[0];
}

/**
 * Changes the URL, events, description or state. Turning an endpoint on again forgets its
 * failures (the owner says the receiver is fixed); turning it off marks it `manual`.
 */
export async function updateWebhookEndpoint(
  userId: string,
  id: string,
  input: UpdateEndpointInput,
): Promise<WebhookEndpointView> {
  const url = input.url === undefined ? null : await assertWebhookTarget(input.url);
  const { rows } = await pool().query<WebhookEndpointView>(
    `UPDATE webhook_endpoint SET
       url = COALESCE($3, url),
       events = COALESCE($4, events),
       description = CASE WHEN $5 THEN $6 ELSE description END,
       enabled = COALESCE($7, enabled),
       "disabledReason" = CASE WHEN $7 IS NULL THEN "disabledReason" WHEN $7 THEN NULL ELSE 'manual' END,
       "failingSince" = CASE WHEN $7 THEN NULL ELSE "failingSince" END,
       "updatedAt" = now()
     WHERE id = $1 AND "userId" = $2 RETURNING ${COLUMNS}`,
    [
      id,
      userId,
      url,
      input.events ?? null,
      input.description !== undefined,
      input.description ?? null,
      input.enabled ?? null,
    ],
  );
  if (!rows[0]) throw notFound();
  return rows[0];
}

/** Deletes the endpoint with its deliveries and their log; pending attempts find nothing and stop. */
export async function deleteWebhookEndpoint(userId: string, id: string): Promise<{ id: string; deleted: true }> {
  const { rowCount } = await pool().query(`DELETE FROM webhook_endpoint WHERE id = $1 AND "userId" = $2`, [id, userId]);
  if (!rowCount) throw notFound();
  return { id, deleted: true };
}

/**
 * A new signing secret, returned once; the current one keeps signing beside it for 24 h, so the
 * receiver can switch without losing a delivery.
 */
export async function rotateWebhookSecret(userId: string, id: string): Promise<WebhookEndpointWithSecret> {
  const secret = generateSecret();
  const { rows } = await pool().query<WebhookEndpointView>(
    `UPDATE webhook_endpoint SET "previousSecretEncrypted" = "secretEncrypted", "secretEncrypted" = $3,
            "previousSecretExpiresAt" = now() + $4 * interval '1 millisecond', "updatedAt" = now()
      WHERE id = $1 AND "userId" = $2 RETURNING ${COLUMNS}`,
    [id, userId, encryptSecret(secret), ROTATION_OVERLAP_MS],
  );
  if (!rows[0]) throw notFound();
  return { ...rows[0], secret };
}
