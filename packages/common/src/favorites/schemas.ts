import { z } from "zod";
import { cursorCodec, cursorFields } from "../pagination.ts";
import { publicVideo } from "../video/schemas.ts";
import { pageSchema, timestamp } from "../wire.ts";

/** Where a page of the gallery stopped, newest first: completion time, then id. */
export const galleryCursor = cursorCodec("gallery", z.tuple([cursorFields.timestamp, cursorFields.id]));
export type GalleryPosition = NonNullable<z.output<typeof galleryCursor.query>>;

/** Where a page of the viewer's favorites stopped, newest favorite first: when it was made, then the video's id. */
export const favoritesCursor = cursorCodec("favorites", z.tuple([cursorFields.timestamp, cursorFields.id]));
export type FavoritesPosition = NonNullable<z.output<typeof favoritesCursor.query>>;

export const galleryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(12),
  cursor: galleryCursor.query,
});

export const favoritesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: favoritesCursor.query,
});

// Responses: the envelope's `data`, as JSON carries it (test/api-schemas.test.ts holds them to the services).

const favoriteCount = z.int().meta({ description: "How many users favorited it." });

export const favoriteState = z
  .object({ uuid: z.uuid(), favorited: z.boolean(), favoriteCount })
  .meta({ id: "FavoriteState" });

export const galleryVideo = publicVideo
  .extend({
    favoriteCount,
    favorited: z.boolean().meta({ description: "Whether the signed-in caller favorited it; false when anonymous." }),
  })
  .meta({ id: "GalleryVideo" });

export const galleryPage = pageSchema(galleryVideo, "GalleryPage");

export const favoriteVideo = publicVideo
  .extend({ favoriteCount, favoritedAt: timestamp() })
  .meta({ id: "FavoriteVideo" });

export const favoritesPage = pageSchema(favoriteVideo, "FavoritePage");
