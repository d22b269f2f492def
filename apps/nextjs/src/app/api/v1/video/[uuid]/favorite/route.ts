import { favoriteVideo, unfavoriteVideo } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.favorites.favoriteVideo, ({ identity, params }) =>
  favoriteVideo(identity.user.id, params.uuid),
);

export const DELETE = defineRoute(operations.favorites.unfavoriteVideo, ({ identity, params }) =>
  unfavoriteVideo(identity.user.id, params.uuid),
);
