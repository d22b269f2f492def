import { receiveVideoCallback } from "@videofly/common";
import { operations } from "@/api/operations";
import { appConfig } from "@/config";
import { defineRoute } from "@/server/define-route";
import { readBodyText } from "@/server/parse-input";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.video.providerCallback, async ({ request, params }) =>
  receiveVideoCallback({
    provider: params.provider,
    searchParams: new URL(request.url).searchParams,
    rawBody: await readBodyText(request, appConfig().API_MAX_BODY_BYTES),
    headers: request.headers,
  }),
);
