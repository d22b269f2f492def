import { pool } from "@videofly/db";
import { mailer } from "../mail/index.ts";
import { videoConfig } from "../video/config.ts";
import type { DisabledEndpoint } from "./record.ts";

const WHY = {
  gone: "it answered 410 Gone",
  failing: "its deliveries have been failing for too long",
} as const;

/** Tells the owner an endpoint was disabled (after the transaction that disabled it). */
export async function notifyEndpointDisabled(endpoint: DisabledEndpoint): Promise<void> {
  const { rows } = await pool().query<{ email: string }>(`SELECT email FROM "user" WHERE id = $1`, [endpoint.userId]);
  const to = rows[0]?.email;
  if (!to) return;
  const link = new URL("/settings/webhooks", videoConfig().APP_URL).toString();
  const why = WHY[endpoint.reason];
  await mailer().send({
    to,
    subject: "A VideoFly webhook endpoint was disabled",
    text: `We stopped sending webhooks to ${endpoint.url} because ${why}.\n\nFix the receiver, then turn the endpoint back on: ${link}\n`,
    html: `<p>We stopped sending webhooks to <code>${escapeHtml(endpoint.url)}</code> because ${why}.</p><p>Fix the receiver, then <a href="${escapeHtml(link)}">turn the endpoint back on</a>.</p>`,
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
