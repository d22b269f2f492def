import { drainWebhookDeliveries } from "@videofly/common";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

// Vercel Cron sends GET; POST is there for other schedulers.
const run = defineRoute({ auth: "cron" }, () => drainWebhookDeliveries());

export { run as GET, run as POST };
