import { z } from "zod";
import { timestamp } from "../wire.ts";

// Responses: the envelope's `data`, as JSON carries it.

export const signedUrl = z
  .object({
    url: z.string().meta({ description: "A signed URL to the file; it stops working at expiresAt." }),
    expiresAt: timestamp(),
  })
  .meta({ id: "SignedVideoUrl" });

export const embed = z
  .object({
    playerUrl: z.string().meta({ description: "The player page to put in an <iframe>." }),
    iframe: z.string().meta({ description: "A ready <iframe> snippet." }),
    badge: z.boolean().meta({ description: "The player shows the VideoFly badge (the owner is on the free plan)." }),
  })
  .meta({ id: "VideoEmbed" });

export const refusalReason = z
  .enum([
    "private",
    "plan_required",
    "daily_limit",
    "download_not_allowed",
    "embed_not_allowed",
    "domain_not_allowed",
    "rate_limited",
  ])
  .meta({ id: "AccessRefusalReason", description: "Why a door stays closed (`details.reason` of a 403 or 429)." });
