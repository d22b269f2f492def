import { pool } from "@videofly/db";
import { AppError } from "../errors/index.ts";
import type { MediaFacts, MediaKind } from "../media/index.ts";
import { files } from "../video/files.ts";

/** What an assembled upload is: its bytes' type (file-type) and what ffprobe found. */
export type UploadFacts = MediaFacts & { mime: string; ext: string; kind: MediaKind; size: number };

export type UploadPurposeName = "IMAGE" | "VIDEO" | "AUDIO";

export interface UsableUpload {
  id: string;
  key: string;
  purpose: UploadPurposeName;
  facts: UploadFacts;
  /** A URL a provider can fetch it from for two days. */
  url: string;
}

/** How long a provider may take to fetch an input we hand it. */
const INPUT_URL_SECONDS = 48 * 3600;

/**
 * A completed upload of the user's own that may feed a generation as `field`: refused with 400
 * naming the field when it is missing, someone else's, not completed, or of another purpose.
 */
export async function usableUpload(
  userId: string,
  uploadId: string,
  field: string,
  purposes: UploadPurposeName[],
): Promise<UsableUpload> {
  const { rows } = await pool().query<{
    id: string;
    key: string;
    purpose: UploadPurposeName;
    facts: UploadFacts | null;
  }>(
    `SELECT id, key, purpose::text AS purpose, facts FROM upload
      WHERE id = $1 AND "userId" = $2 AND status = 'COMPLETED'`,
    [uploadId, userId],
  );
  const row = rows[0];
  const refuse = (code: string, message: string) =>
    new AppError("VALIDATION_FAILED", { message, details: { fields: [{ field, code, message }] } });
  if (!row?.facts) throw refuse("upload_not_found", `No completed upload ${uploadId.slice(0, 64)} of yours.`);
  if (!purposes.includes(row.purpose)) {
    throw refuse(
      "wrong_purpose",
      `Upload ${row.id} is ${row.purpose.toLowerCase()}; ${field} takes ${purposes.join(" or ").toLowerCase()}.`,
    );
  }
  const url =
    files().publicUrl(row.key) ?? (await files().presignDownload(row.key, { expiresInSeconds: INPUT_URL_SECONDS }));
  return { id: row.id, key: row.key, purpose: row.purpose, facts: row.facts, url };
}
