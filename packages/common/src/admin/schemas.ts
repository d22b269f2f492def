import { z } from "zod";
import { cursorCodec, cursorFields } from "../pagination.ts";

/** Where a page of users stopped, newest first: sign-up time, then id. */
export const userCursor = cursorCodec("admin_users", z.tuple([cursorFields.timestamp, cursorFields.id]));
export type UserPosition = NonNullable<z.output<typeof userCursor.query>>;

export const usersQuery = z.object({
  /** Matches email or name, case-insensitively. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: userCursor.query,
});
