import { abortAbandonedUploads } from "@videofly/common";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

// Vercel Cron sends GET; POST is there for other schedulers.
const run = defineRoute({ auth: "cron" }, async () => abortAbandonedUploads());

export { run as GET, run as POST };
