import { z } from "zod";

const DAY_MS = 86_400_000;
/** The default range: the last 30 UTC days, today included. */
export const DEFAULT_DAILY_DAYS = 30;
/** The longest range one request may ask for: a leap year. */
export const MAX_DAILY_DAYS = 366;

/** A calendar day in UTC, `YYYY-MM-DD`; impossible dates (Feb 30) are refused, not rolled over. */
const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string()
  .regex(DAY_SHAPE, "Expected a date as YYYY-MM-DD.")
  // Only for the right shape: a wrong one is reported once, by the regex.
  .refine((s) => !DAY_SHAPE.test(s) || new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "Not a calendar date.");

export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);
const addDays = (isoDay: string, n: number) =>
  new Date(Date.parse(`${isoDay}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** Days from `from` to `to`, both included. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/**
 * `GET /usage/daily`: `from` and `to` are UTC days, both included. Without them, the last 30 days
 * up to today; with only one, 30 days from or up to it.
 */
export const dailyQuery = z
  .object({
    from: day.optional().meta({ description: "First UTC day (YYYY-MM-DD), included. Default: 29 days before `to`." }),
    to: day.optional().meta({ description: "Last UTC day (YYYY-MM-DD), included. Default: today (UTC)." }),
  })
  .transform((q, ctx) => {
    const to = q.to ?? (q.from ? addDays(q.from, DEFAULT_DAILY_DAYS - 1) : todayUtc());
    const from = q.from ?? addDays(to, -(DEFAULT_DAILY_DAYS - 1));
    if (from > to) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "`from` must not be after `to`." });
      return z.NEVER;
    }
    if (daysBetween(from, to) > MAX_DAILY_DAYS) {
      for (const field of ["from", "to"]) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `The range from \`from\` to \`to\` can span at most ${MAX_DAILY_DAYS} days.`,
        });
      }
      return z.NEVER;
    }
    return { from, to };
  });

export type DailyQuery = z.output<typeof dailyQuery>;

const figures = {
  videosCreated: z.int().meta({ description: "Videos created (any status, deleted ones included)." }),
  byMode: z
    .object({ TEXT_TO_VIDEO: z.int(), IMAGE_TO_VIDEO: z.int(), LIPSYNC: z.int() })
    .meta({ id: "UsageByMode", description: "Videos created, per generation mode." }),
  creditsConsumed: z.int().meta({
    description:
      "Credits spent: the holds settled that day (a generation that succeeded). Open holds and released holds (failures, cancellations) do not count.",
  }),
  processingSeconds: z.number().meta({
    description: "Sum over the videos completed that day of completedAt − startedAt, in seconds (to the millisecond).",
  }),
  apiCalls: z.int().meta({
    description: "Requests made with your API keys (the usage audit keeps them for API_USAGE_RETENTION_DAYS).",
  }),
};

export const usageDay = z
  .object({ date: z.string().meta({ description: "The UTC day, YYYY-MM-DD." }), ...figures })
  .meta({ id: "UsageDay" });

export const dailyUsage = z
  .object({
    from: z.string(),
    to: z.string(),
    days: z
      .array(usageDay)
      .meta({ description: "One entry per day from `from` to `to`, oldest first; quiet days are zeros." }),
    totals: z.object(figures).meta({ id: "UsageTotals" }),
  })
  .meta({ id: "DailyUsage" });
