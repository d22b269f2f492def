import { openApiJson } from "@/api/openapi";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  operations.system.openApiDocument,
  async () =>
    new Response(openApiJson(), {
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
    }),
);
