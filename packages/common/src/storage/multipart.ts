import { AppError } from "../errors/index.ts";
import type { CompletedPart, UploadedPart } from "./types.ts";

/** S3 quotes ETags; clients copy them with or without the quotes. */
export const bareEtag = (etag: string) => etag.replace(/"/g, "");

/**
 * The check both drivers make before assembling: every part the client lists was received, with
 * the ETag it names. Refused with VALIDATION_FAILED naming the offending `parts[i]` field.
 */
export function assertPartsReceived(given: CompletedPart[], received: UploadedPart[]): UploadedPart[] {
  const byNumber = new Map(received.map((p) => [p.partNumber, p]));
  return given.map((part, i) => {
    const found = byNumber.get(part.partNumber);
    if (!found) {
      throw partError(`parts[${i}].partNumber`, "part_not_received", `Part ${part.partNumber} was never received.`);
    }
    if (bareEtag(found.etag) !== bareEtag(part.etag)) {
      throw partError(`parts[${i}].etag`, "etag_mismatch", `Part ${part.partNumber} has another ETag.`);
    }
    return found;
  });
}

export function partError(field: string, code: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", { message, details: { fields: [{ field, code, message }] } });
}
