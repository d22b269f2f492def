import { z } from "zod";
import { cursorCodec, cursorFields } from "../pagination.ts";
import { pageSchema, timestamp } from "../wire.ts";
import { dayRangeQuery } from "./day-range.ts";

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

const count = z.int().min(0);

const grants = z
  .object({
    purchase: count,
    subscription: count,
    signupBonus: count,
    promo: count,
    adminGrant: count,
    revenue: count.meta({ description: "Revenue-side grants: purchase + subscription." }),
    bonus: count.meta({ description: "Grants nobody paid for: signupBonus + promo + adminGrant." }),
  })
  .meta({ id: "AdminCreditGrants", description: "Credits granted (new credit packages), by source." });

const activity = {
  signUps: count.meta({ description: "Accounts created." }),
  activeUsers: count.meta({
    description:
      "Distinct users who asked for a video (a video row created) or made an API request with an API key (api_request).",
  }),
  videosCreated: count,
  videosCompleted: count.meta({ description: "Videos that completed, by when they completed." }),
  videosFailed: count.meta({ description: "Videos that failed, by when they failed." }),
  creditsConsumed: count.meta({ description: "Credits of settled holds (SETTLE ledger entries)." }),
  creditsGranted: grants,
};

export const adminModelStat = z
  .object({
    model: z.string(),
    provider: z.string().nullable().meta({ description: "Null for videos never submitted to a provider." }),
    videos: count.meta({ description: "Videos created in the range." }),
    completed: count,
    failed: count,
    successRate: z
      .number()
      .nullable()
      .meta({ description: "completed / (completed + failed); null when none has finished." }),
    medianSeconds: z
      .number()
      .nullable()
      .meta({ description: "Median of completedAt - startedAt over the completed ones, in seconds." }),
  })
  .meta({ id: "AdminModelStat" });

export const adminTopSpender = z
  .object({ id: z.string(), email: z.string(), credits: count.meta({ description: "Credits settled in the range." }) })
  .meta({ id: "AdminTopSpender" });

/** `GET /admin/stats`: UTC days `from`..`to`, both included; by default the last `days` (14) up to today. */
export const statsQuery = dayRangeQuery(14);

export const adminStats = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    days: z.int().meta({ description: "Days in the range, `from` and `to` included." }),
    daily: z.array(z.object({ day: z.iso.date().meta({ description: "The UTC day." }), ...activity })),
    totals: z.object(activity).meta({ description: "The range's sums; activeUsers counts each user once." }),
    models: z.array(adminModelStat).meta({ description: "Per model and provider, most videos first." }),
    topSpenders: z.array(adminTopSpender).meta({ description: "The 10 users who spent the most credits." }),
    recentVideos: z.array(adminVideo),
    recentFailures: z.array(adminVideo),
  })
  .meta({ id: "AdminStats" });

export const accessActions = ["play", "embed", "download"] as const;
export type AccessAction = (typeof accessActions)[number];

/** `GET /admin/video-access/stats`: the same day range as the stats. */
export const accessStatsQuery = dayRangeQuery(14);

const decisions = z.object({ allowed: count, refused: count });

export const adminAccessStats = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    days: z.int(),
    daily: z.array(z.object({ day: z.iso.date(), play: decisions, embed: decisions, download: decisions })),
    totals: z.object({ play: decisions, embed: decisions, download: decisions }),
  })
  .meta({ id: "AdminAccessStats", description: "Access decisions (video_access_log) per UTC day and action." });

export const accessTopQuery = z.object({
  action: z.enum(accessActions),
  /** UTC days back, today included. */
  days: z.coerce.number().int().min(1).max(90).default(7),
});

export const adminAccessTop = z
  .object({
    action: z.enum(accessActions),
    since: z.iso.date().meta({ description: "The first UTC day counted; today is the last." }),
    items: z.array(
      z.object({
        uuid: z.string(),
        prompt: z.string().meta({ description: "At most 80 characters; a longer prompt ends in …" }),
        ownerEmail: z.string(),
        allowed: count.meta({ description: "Allowed decisions for the action." }),
      }),
    ),
  })
  .meta({ id: "AdminAccessTop", description: "The 10 videos with the most allowed decisions for one action." });
