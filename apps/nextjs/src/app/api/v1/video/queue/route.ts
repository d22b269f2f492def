import { generationQueue } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.video.generationQueue, ({ identity }) => generationQueue(identity.user.id));
