import { z } from "zod";

const DAY_MS = 86_400_000;
/** A year, leap day included: longer ranges would scan more than a dashboard needs. */
export const MAX_RANGE_DAYS = 366;

/** The UTC day of an instant, YYYY-MM-DD. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** `day` moved by `n` days. */
export const addDays = (day: string, n: number): string =>
  utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

export interface DayRange {
  /** First UTC day, YYYY-MM-DD, included. */
  from: string;
  /** Last UTC day, included. */
  to: string;
  days: number;
}

/**
 * `?from=&to=` as UTC days, both included. `to` defaults to today, `from` to `days` days before
 * it (`days` itself defaulting to `defaultDays`). A range that runs backwards is reported on
 * `from`, one longer than MAX_RANGE_DAYS on `to`.
 */
export function dayRangeQuery(defaultDays: number) {
  return z
    .object({
      from: z.iso.date().optional().meta({ description: "First UTC day (YYYY-MM-DD), included." }),
      to: z.iso.date().optional().meta({ description: "Last UTC day, included; default today." }),
      days: z.coerce
        .number()
        .int()
        .min(1)
        .max(MAX_RANGE_DAYS)
        .optional()
        .meta({ description: `Without \`from\`: the range's length up to \`to\` (default ${defaultDays}).` }),
    })
    .transform((q, ctx): DayRange => {
      const to = q.to ?? utcDay(new Date());
      const from = q.from ?? addDays(to, 1 - (q.days ?? defaultDays));
      const days = daysBetween(from, to) + 1;
      if (days < 1) ctx.addIssue({ code: "custom", path: ["from"], message: "`from` must not be after `to`." });
      else if (days > MAX_RANGE_DAYS) {
        ctx.addIssue({ code: "custom", path: ["to"], message: `A range spans at most ${MAX_RANGE_DAYS} days.` });
      }
      return { from, to, days };
    });
}

/**
 * SQL: `column` within the range bound as $1 (`from`) and $2 (`to`). Timestamps are UTC wall-clock
 * times (timestamp without time zone), so `$n::date::timestamp` is that day's UTC midnight; `to` is
 * included, hence `+ 1`. Plain comparisons on the column, so its indexes serve.
 */
export const inRange = (column: string): string =>
  `${column} >= $1::date::timestamp AND ${column} < ($2::date + 1)::timestamp`;
