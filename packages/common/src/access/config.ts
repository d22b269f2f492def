import { configAccessor } from "@videofly/db";
import { z } from "zod";

const schema = z.object({
  /** How long a play or download URL handed out works (both storage drivers sign it); S3 allows 7 days at most. */
  VIDEO_URL_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .default(300),
  /** How many of their own videos an owner without a subscription may download per UTC day; 0: none. */
  FREE_DOWNLOADS_PER_DAY: z.coerce.number().int().min(0).default(3),
  /** Downloads per viewer (a user, or an address when anonymous) per hour: stops scraping. */
  DOWNLOADS_PER_HOUR: z.coerce.number().int().min(1).default(30),
});

export type AccessConfig = z.infer<typeof schema>;
export const accessConfig = configAccessor("video access", schema);
