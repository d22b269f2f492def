import { configAccessor } from "@videofly/db";
import { z } from "zod";

const MB = 1024 * 1024;
const bytes = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z
  .object({
    UPLOAD_MAX_IMAGE_BYTES: bytes(10 * MB),
    UPLOAD_MAX_AUDIO_BYTES: bytes(50 * MB),
    UPLOAD_MAX_VIDEO_BYTES: bytes(500 * MB),
  })
  .transform((env) => ({
    maxBytes: {
      image: env.UPLOAD_MAX_IMAGE_BYTES,
      audio: env.UPLOAD_MAX_AUDIO_BYTES,
      video: env.UPLOAD_MAX_VIDEO_BYTES,
    },
  }));

/** The largest file of each purpose, checked when an upload is declared and again when it completes. */
export const uploadConfig = configAccessor("uploads", schema);
