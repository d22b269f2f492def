import { z } from "zod";
import { mediaFields, visibility } from "../video/schemas.ts";
import { timestamp } from "../wire.ts";
import { REFUSAL_REASONS } from "./reasons.ts";

// Responses: the envelope's `data`, as JSON carries it.

export const signedUrl = z
  .object({
    url: z.string().meta({ description: "A signed URL to the file; it stops working at expiresAt." }),
    expiresAt: timestamp(),
  })
  .meta({ id: "SignedVideoUrl" });

export const videoCard = z
  .object({
    uuid: z.uuid(),
    prompt: z.string(),
    model: z.string(),
    duration: z.int().meta({ description: "Seconds." }),
    aspectRatio: z.string(),
    visibility,
    allowDownload: z.boolean().meta({ description: "The owner lets others download it (the download door decides)." }),
    owner: z.boolean().meta({ description: "The caller owns the video." }),
    videoUrl: z.string().meta({ description: "A signed URL to play it; it stops working at expiresAt." }),
    ...mediaFields,
    expiresAt: timestamp(),
  })
  .meta({ id: "VideoCard" });

export const embed = z
  .object({
    playerUrl: z.string().meta({ description: "The player page to put in an <iframe>." }),
    iframe: z.string().meta({ description: "A ready <iframe> snippet." }),
    badge: z.boolean().meta({ description: "The player shows the VideoFly badge (the owner is on the free plan)." }),
  })
  .meta({ id: "VideoEmbed" });

export const refusalReason = z
  .enum(REFUSAL_REASONS)
  .meta({ id: "AccessRefusalReason", description: "Why a door stays closed (`details.reason` of a 403 or 429)." });

export const statsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(30) });

const counts = {
  plays: z.int().meta({ description: "Plays let through." }),
  embeds: z.int().meta({ description: "Embeds let through." }),
  downloads: z.int().meta({ description: "Downloads let through." }),
  refused: z.int().meta({ description: "Decisions refused, any action." }),
};

export const videoStats = z
  .object({
    uuid: z.uuid(),
    days: z.array(z.object({ day: z.string().meta({ description: "A UTC day, YYYY-MM-DD." }), ...counts })),
    totals: z.object(counts),
  })
  .meta({ id: "VideoAccessStats" });
