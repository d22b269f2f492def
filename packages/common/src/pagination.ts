import { z } from "zod";

/** One page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const MAX_CURSOR_LENGTH = 500;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const INVALID = "The cursor is not one this list gave out.";

/**
 * The cursor of one list: opaque base64url JSON holding the list's name and the position the
 * page stopped at. `query` is the `cursor` query parameter, parsed once at the edge: it yields a
 * position that `position` accepts, or a validation issue on `cursor` (a 400 naming
 * `query.cursor`). So a crafted cursor — another list's, out of range, of the wrong shape — never
 * reaches SQL.
 */
export function cursorCodec<S extends z.ZodType>(list: string, position: S) {
  return {
    encode: (at: z.input<S>): string => Buffer.from(JSON.stringify([list, at])).toString("base64url"),
    query: z
      .string()
      .max(MAX_CURSOR_LENGTH)
      .transform((raw, ctx): z.output<S> => {
        const value = parseJson(raw);
        if (Array.isArray(value) && value.length === 2 && value[0] === list) {
          const at = position.safeParse(value[1]);
          if (at.success) return at.data;
        }
        ctx.addIssue({ code: "custom", message: INVALID });
        return z.NEVER;
      })
      .optional(),
  };
}

function parseJson(raw: string): unknown {
  if (!BASE64URL.test(raw)) return undefined;
  try {
    return JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

// Positions are built from these, so every value a cursor carries is one PostgreSQL accepts.
export const cursorFields = {
  /**
   * A TIMESTAMP(3) column as ISO-8601 UTC with milliseconds, years 0001–9999 (the four-digit
   * years of the format, less year 0, which PostgreSQL refuses).
   */
  timestamp: z.iso.datetime({ precision: 3 }).refine((s) => !s.startsWith("0000")),
  /** A row id (`vid_…`, `pkg_…`, Better Auth's ids). */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** A BIGINT sequence number, as decimal digits (JSON numbers lose precision past 2^53). */
  bigint: z.string().refine((s) => /^\d{1,19}$/.test(s) && BigInt(s) <= 9_223_372_036_854_775_807n),
};
