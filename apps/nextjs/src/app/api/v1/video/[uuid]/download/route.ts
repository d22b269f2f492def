import { openVideoDoor } from "@videofly/common";
import { after } from "next/server";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";
import { viewerOf } from "@/server/viewer";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.video.downloadVideo, async ({ request, identity, params }) => {
  const door = await openVideoDoor("download", params.uuid, viewerOf(request.headers, identity), { defer: after });
  return { url: door.url, expiresAt: door.expiresAt };
});
