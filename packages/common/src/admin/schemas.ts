import { z } from "zod";
import { cursorCodec, cursorFields } from "../pagination.ts";
import { pageSchema, timestamp } from "../wire.ts";

/** Where a page of users stopped, newest first: sign-up time, then id. */
export const userCursor = cursorCodec("admin_users", z.tuple([cursorFields.timestamp, cursorFields.id]));
export type UserPosition = NonNullable<z.output<typeof userCursor.query>>;

export const usersQuery = z.object({
  /** Matches email or name, case-insensitively. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: userCursor.query,
});

// Responses: the envelope's `data`, as JSON carries it (test/admin/api-schemas.test.ts holds them to the services).

export const adminUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(["user", "admin"]),
    createdAt: timestamp(),
    available: z.int(),
    frozen: z.int(),
    debt: z.int(),
  })
  .meta({ id: "AdminUser" });

export const adminUserPage = pageSchema(adminUser, "AdminUserPage");

const adminVideo = z
  .object({
    uuid: z.string(),
    userEmail: z.string(),
    status: z.string(),
    model: z.string(),
    prompt: z.string(),
    creditsCost: z.int(),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  })
  .meta({ id: "AdminVideo" });

const activity = { videosCreated: z.int(), videosFailed: z.int(), creditsConsumed: z.int() };

export const adminStats = z
  .object({
    days: z.int(),
    daily: z.array(z.object({ day: z.iso.date().meta({ description: "The UTC day." }), ...activity })),
    totals: z.object(activity),
    recentVideos: z.array(adminVideo),
    recentFailures: z.array(adminVideo),
  })
  .meta({ id: "AdminStats" });
