import { z } from "zod";
import { defineRoute } from "@/server/define-route";
import { serveLocalFile, storeLocalUpload } from "@/server/local-files";

export const dynamic = "force-dynamic";

// The local-disk storage driver's signed URLs land here; the signature in the query is the auth.
const params = z.object({ key: z.array(z.string().min(1)).min(1) });

export const GET = defineRoute({ auth: "public", params }, async ({ request, params }) =>
  serveLocalFile(params.key.join("/"), new URL(request.url), request.headers),
);

export const PUT = defineRoute({ auth: "public", params }, async ({ request, params }) =>
  storeLocalUpload(params.key.join("/"), request),
);
