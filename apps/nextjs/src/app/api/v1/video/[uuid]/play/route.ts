import { openVideoDoor } from "@videofly/common";
import { after } from "next/server";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";
import { viewerOf } from "@/server/viewer";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.video.playVideo, async ({ request, identity, params }) => {
  const door = await openVideoDoor("play", params.uuid, viewerOf(request.headers, identity), { defer: after });
  return { url: door.url, expiresAt: door.expiresAt };
});
