import { pool } from "@videofly/db";
import { mailer } from "../mail/index.ts";
import { videoConfig } from "../video/config.ts";

/** The queued job that mails a user whose balance crossed their threshold (after the crossing committed). */
export interface LowBalanceMailJob {
  mail: "credits.low";
  userId: string;
  available: number;
  lowBalanceThreshold: number;
}

export const isLowBalanceMailJob = (job: object): job is LowBalanceMailJob =>
  (job as { mail?: unknown }).mail === "credits.low";

/**
 * Sends the credits.low mail. The job is written in the transaction of the crossing, so there is
 * one per crossing, exactly as for the webhook; a user deleted since gets nothing.
 */
export async function sendLowBalanceMail(job: LowBalanceMailJob): Promise<"sent" | "skipped"> {
  const { rows } = await pool().query<{ email: string }>(
    `SELECT email FROM "user" WHERE id = $1 AND "deletedAt" IS NULL`,
    [job.userId],
  );
  const to = rows[0]?.email;
  if (!to) return "skipped";
  const usage = new URL("/usage", videoConfig().APP_URL).toString();
  const credits = (n: number) => `${n} credit${n === 1 ? "" : "s"}`;
  const balance = `Your VideoFly balance is down to ${credits(job.available)}, below the ${credits(job.lowBalanceThreshold)} you asked to be warned at.`;
  await mailer().send({
    to,
    subject: `Your VideoFly balance is below ${credits(job.lowBalanceThreshold)}`,
    text: `${balance}\n\nSee your usage and change the alert: ${usage}\n`,
    html: `<p>${balance}</p><p><a href="${usage}">See your usage and change the alert</a>.</p>`,
  });
  return "sent";
}
