export { type FavoriteState, favoriteVideo, unfavoriteVideo } from "./favorite.ts";
export { latestPublicVideos, listFavorites } from "./lists.ts";
export * as favoritesSchemas from "./schemas.ts";
