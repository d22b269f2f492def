import { AppError } from "../errors/index.ts";
import { uploadConfig } from "./config.ts";
import type { UploadPurpose } from "./schemas.ts";

/** A 400 (or 413) naming the offending field and why, in the shape validation errors have. */
export function refuse(
  field: string,
  code: string,
  message: string,
  errorName: "VALIDATION_FAILED" | "PAYLOAD_TOO_LARGE" = "VALIDATION_FAILED",
  extra: Record<string, unknown> = {},
): AppError {
  return new AppError(errorName, { message, details: { fields: [{ field, code, message }], ...extra } });
}

export function tooLarge(purpose: UploadPurpose, size: number): AppError {
  const maxBytes = uploadConfig().maxBytes[purpose];
  const message = `A ${purpose} may be at most ${maxBytes} bytes; this one has ${size}.`;
  return refuse("size", "too_large", message, "PAYLOAD_TOO_LARGE", { maxBytes });
}
