import { receiveVideoCallback } from "@videofly/common";
import { z } from "zod";
import { appConfig } from "@/config";
import { defineRoute } from "@/server/define-route";
import { readBodyText } from "@/server/parse-input";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  { auth: "public", params: z.object({ provider: z.string().min(1).max(32) }) },
  async ({ request, params }) =>
    receiveVideoCallback({
      provider: params.provider,
      searchParams: new URL(request.url).searchParams,
      rawBody: await readBodyText(request, appConfig().API_MAX_BODY_BYTES),
      headers: request.headers,
    }),
);
