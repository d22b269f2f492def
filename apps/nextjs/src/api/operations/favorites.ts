import { favoritesSchemas, videoSchemas } from "@videofly/common";
import { operation } from "@/server/operation";

const tags = ["Favorites"];
const whoMay =
  "Any video you may play: your own (whatever its status), or anyone's finished unlisted or public one; another's private video is a 404, as at the play door.";

export const favoriteVideo = operation({
  method: "POST",
  path: "/video/{uuid}/favorite",
  auth: "session",
  scope: "videos:write",
  params: videoSchemas.uuidParams,
  response: favoritesSchemas.favoriteState,
  summary: "Favorite a video",
  description: `${whoMay} Favoriting it again changes nothing: it counts once per user.`,
  tags,
  errors: ["VIDEO_NOT_FOUND"],
});

export const unfavoriteVideo = operation({
  method: "DELETE",
  path: "/video/{uuid}/favorite",
  auth: "session",
  scope: "videos:write",
  params: videoSchemas.uuidParams,
  response: favoritesSchemas.favoriteState,
  summary: "Take back a favorite",
  description: `${whoMay} A video you had not favorited stays as it was.`,
  tags,
  errors: ["VIDEO_NOT_FOUND"],
});

export const listFavorites = operation({
  method: "GET",
  path: "/user/favorites",
  auth: "session",
  scope: "videos:read",
  query: favoritesSchemas.favoritesQuery,
  response: favoritesSchemas.favoritesPage,
  summary: "List your favorites, newest favorite first",
  description: "Only videos you may still play: deleted ones, and others' videos made private since, are left out.",
  tags,
});
