import { receiveCreemWebhook } from "@videofly/common";
import { appConfig } from "@/config";
import { defineRoute } from "@/server/define-route";
import { readBodyText } from "@/server/parse-input";

export const dynamic = "force-dynamic";

// Served here rather than by @creem_io/better-auth (which is configured without a webhook secret,
// so it registers no webhook endpoint of its own): its handler answers 200 to bad signatures and
// does not deduplicate deliveries. This route is the more specific match under /api/auth.
export const POST = defineRoute({ auth: "public" }, async ({ request }) =>
  receiveCreemWebhook({
    rawBody: await readBodyText(request, appConfig().API_MAX_BODY_BYTES),
    signature: request.headers.get("creem-signature"),
  }),
);
