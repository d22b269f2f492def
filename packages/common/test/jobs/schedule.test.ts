import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { SCHEDULED_JOBS } from "../../src/jobs/schedule.ts";

const root = path.resolve(import.meta.dirname, "../../../..");

// The worker and Vercel Cron must run the same jobs on the same schedules.
it("every scheduled job has its /api/cron route and the same schedule in vercel.json", () => {
  const vercel = JSON.parse(readFileSync(path.join(root, "vercel.json"), "utf8")) as {
    crons: { path: string; schedule: string }[];
  };
  const expected = SCHEDULED_JOBS.map((job) => ({ path: `/api/cron/${job.name}`, schedule: job.cron }));
  expect(vercel.crons).toEqual(expect.arrayContaining(expected));
  expect(vercel.crons).toHaveLength(expected.length);
  for (const job of SCHEDULED_JOBS) {
    expect(existsSync(path.join(root, "apps/nextjs/src/app/api/cron", job.name, "route.ts")), job.name).toBe(true);
  }
});
