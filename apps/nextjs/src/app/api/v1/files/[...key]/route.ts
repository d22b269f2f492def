import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";
import { serveLocalFile, storeLocalUpload } from "@/server/local-files";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.system.downloadFile, async ({ request, params }) =>
  serveLocalFile(params.key.join("/"), new URL(request.url), request.headers),
);

export const PUT = defineRoute(operations.system.uploadFile, async ({ request, params }) =>
  storeLocalUpload(params.key.join("/"), request),
);
