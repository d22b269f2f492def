import { z } from "zod";
import { commonConfig } from "../config.ts";
import { cursorCodec, cursorFields } from "../pagination.ts";
import { pageSchema, timestamp } from "../wire.ts";

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;

/** Where a page of requests stopped, newest first: time, then row id. */
export const requestCursor = cursorCodec("api_requests", z.tuple([cursorFields.timestamp, cursorFields.bigint]));
export type ApiRequestPosition = NonNullable<z.output<typeof requestCursor.query>>;

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

type Ctx = z.RefinementCtx;

/** A range must run forwards and fit in what is kept: older rows are pruned, so a longer one would mislead. */
function checkRange(from: Date | undefined, to: Date | undefined, ctx: Ctx): void {
  if (!from || !to) return;
  if (from > to) {
    ctx.addIssue({ code: "custom", path: ["from"], message: "`from` must not be after `to`." });
    return;
  }
  const days = commonConfig().API_USAGE_RETENTION_DAYS;
  if (to.getTime() - from.getTime() > days * DAY_MS) {
    ctx.addIssue({
      code: "custom",
      path: ["from"],
      message: `Usage is kept for ${days} days: the range can span at most ${days} days.`,
    });
  }
}

const filters = {
  /** ISO 8601 with a zone (`2026-06-01T00:00:00Z`); inclusive. */
  from: instant.optional(),
  /** Exclusive. */
  to: instant.optional(),
  keyId: cursorFields.id.optional(),
};

const summaryObject = z.object({ ...filters, groupBy: z.enum(["day", "key", "route"]).default("day") });
const requestsObject = z.object({
  ...filters,
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: requestCursor.query,
});
/** An admin looks at every user's requests, or one user's. */
const ofUser = { userId: cursorFields.id.optional() };

function withDefaultRange<Q extends { from?: Date; to?: Date }>(q: Q, ctx: Ctx) {
  const to = q.to ?? new Date();
  const days = Math.min(DEFAULT_DAYS, commonConfig().API_USAGE_RETENTION_DAYS);
  const from = q.from ?? new Date(to.getTime() - days * DAY_MS);
  checkRange(from, to, ctx);
  return { ...q, from, to };
}

const inRange = (q: { from?: Date; to?: Date }, ctx: Ctx) => checkRange(q.from, q.to, ctx);

/** `GET /usage`: totals per day, key or route; by default the last 30 days (less if less is kept), per day. */
export const summaryQuery = summaryObject.transform(withDefaultRange);
export const adminSummaryQuery = summaryObject.extend(ofUser).transform(withDefaultRange);

/** `GET /usage/requests`: single requests, newest first. */
export const requestsQuery = requestsObject.superRefine(inRange);
export const adminRequestsQuery = requestsObject.extend(ofUser).superRefine(inRange);

export type SummaryQuery = z.output<typeof summaryQuery>;
export type RequestsQuery = z.output<typeof requestsQuery>;

export const usageGroup = z
  .object({
    group: z.string().meta({ description: 'The UTC day ("YYYY-MM-DD"), the key id or the route pattern.' }),
    keyName: z.string().optional(),
    requests: z.int(),
    errors: z.int().meta({ description: "Answers with status 400 or above." }),
    credits: z.int().meta({ description: "Credits held by the requests." }),
    p50Ms: z.number(),
    p95Ms: z.number(),
  })
  .meta({ id: "UsageGroup" });

export const usageGroups = z.array(usageGroup);

export const apiRequestPage = pageSchema(
  z
    .object({
      id: z.string(),
      keyId: z.string(),
      keyName: z.string().optional(),
      userId: z.string(),
      method: z.string(),
      route: z.string().meta({ description: 'The route pattern ("GET /video/{uuid}"), never the raw path.' }),
      status: z.int(),
      durationMs: z.int(),
      creditsHeld: z.int(),
      requestId: z.string(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      createdAt: timestamp(),
    })
    .meta({ id: "ApiRequest" }),
  "ApiRequestPage",
);
