import { openVideoCard } from "@videofly/common";
import { after } from "next/server";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";
import { viewerOf } from "@/server/viewer";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.video.videoCard, ({ request, identity, params }) =>
  openVideoCard(params.uuid, viewerOf(request.headers, identity), { defer: after }),
);
