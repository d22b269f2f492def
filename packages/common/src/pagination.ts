import { AppError } from "./errors/index.ts";

/** One page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An opaque cursor: the position a list stopped at, as base64url JSON. */
export const encodeCursor = (position: unknown) => Buffer.from(JSON.stringify(position)).toString("base64url");

/** The position a cursor encodes, when `valid` recognises it; anything else is a 400 naming `cursor`. */
export function decodeCursor<T>(cursor: string | undefined, valid: (v: unknown) => v is T): T | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (valid(value)) return value;
  } catch {
    // falls through to the error below
  }
  throw new AppError("VALIDATION_FAILED", {
    message: "The cursor is not one this list gave out.",
    details: { fields: [{ field: "cursor", code: "invalid_cursor", message: "unknown cursor" }] },
  });
}
