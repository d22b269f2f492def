import {
  accessSchemas,
  commonConfig,
  favoritesSchemas,
  presignedUpload,
  presignUploadBody,
  videoSchemas,
} from "@videofly/common";
import { z } from "zod";
import { operation } from "@/server/operation";

const tags = ["Videos"];
const generatePolicy = { policy: "generate", perMinute: () => commonConfig().GENERATE_RATE_LIMIT_PER_MINUTE };

export const generateVideo = operation({
  method: "POST",
  path: "/video/generate",
  auth: "session",
  scope: "videos:write",
  rateLimit: generatePolicy,
  idempotent: true,
  body: videoSchemas.generateBody,
  response: videoSchemas.video,
  status: 201,
  summary: "Generate a video",
  description:
    "Holds the credits the model costs and starts the generation; the hold is settled when it completes. A LIPSYNC (model lipsync-1) takes `sourceUploadId` (a video upload) or `imageUploadId` (a portrait upload), and `audioUploadId` or `script` + `voice` (GET /config/voices), with `quality` and `language`; `prompt` and `duration` are then optional: the video is as long as its audio, priced per second of it (a script at 2.5 words a second), rounded up. A wrong upload is a 400 naming its field.",
  tags,
  errors: [
    "INSUFFICIENT_CREDITS",
    "MODEL_NOT_FOUND",
    "INVALID_DURATION",
    "IMAGE_REQUIRED",
    "MAX_CONCURRENT_GENERATIONS",
    "PROVIDER_ERROR",
  ],
});

export const listVideos = operation({
  method: "GET",
  path: "/video/list",
  auth: "session",
  scope: "videos:read",
  query: videoSchemas.listQuery,
  response: videoSchemas.videoPage,
  summary: "List your videos, newest first",
  tags,
});

export const generationQueue = operation({
  method: "GET",
  path: "/video/queue",
  auth: "session",
  scope: "videos:read",
  response: videoSchemas.generationQueue,
  summary: "Your running videos, with an estimate of how long each model takes",
  description:
    "The videos still being made (QUEUED to UPLOADING), newest first, and per model among them the median time from request to finished video over its latest completed videos: poll it while something runs.",
  tags,
});

export const getVideo = operation({
  method: "GET",
  path: "/video/{uuid}",
  auth: "session",
  scope: "videos:read",
  params: videoSchemas.uuidParams,
  response: videoSchemas.video,
  summary: "Get a video",
  tags,
  errors: ["VIDEO_NOT_FOUND"],
});

export const updateVideoPolicy = operation({
  method: "PATCH",
  path: "/video/{uuid}",
  auth: "session",
  scope: "videos:write",
  params: videoSchemas.uuidParams,
  body: videoSchemas.policyBody,
  response: videoSchemas.video,
  summary: "Set who may play, embed and download a video",
  description:
    "Visibility (private, unlisted, public) and the access policy: `allowEmbed`, `allowDownload` (for others; downloads by others need the owner's plan) and `embedDomains`. Only a finished video can be shared.",
  tags,
  errors: ["VIDEO_NOT_FOUND", "CONFLICT"],
});

const doorErrors = ["VIDEO_NOT_FOUND", "CONFLICT", "FORBIDDEN"] as const;
const doorNote =
  "A refusal is a 403 E4030 whose `details.reason` says why (AccessRefusalReason); a private video is a 404 to anyone but its owner. Every answer is recorded in the video's access log.";

export const playVideo = operation({
  method: "GET",
  path: "/video/{uuid}/play",
  auth: "optional",
  scope: "videos:read",
  params: videoSchemas.uuidParams,
  response: accessSchemas.signedUrl,
  summary: "Get a short-lived URL to play a video",
  description: `For its owner, or anyone when it is unlisted or public. ${doorNote}`,
  tags,
  errors: [...doorErrors],
});

export const videoCard = operation({
  method: "GET",
  path: "/video/{uuid}/public",
  auth: "optional",
  scope: "videos:read",
  params: videoSchemas.uuidParams,
  response: accessSchemas.videoCard,
  summary: "Get what a video's page shows anyone it may be played for",
  description: `Its prompt, model, duration, aspect ratio, visibility and download policy, whether the caller owns it, and a URL to play it: the play door decides. ${doorNote}`,
  tags,
  errors: [...doorErrors],
});

export const downloadVideo = operation({
  method: "GET",
  path: "/video/{uuid}/download",
  auth: "optional",
  scope: "videos:read",
  params: videoSchemas.uuidParams,
  response: accessSchemas.signedUrl,
  summary: "Get a short-lived URL that downloads a video (Content-Disposition: attachment)",
  description: `The owner on the free plan downloads FREE_DOWNLOADS_PER_DAY of their videos a day (\`daily_limit\`), with a plan without limit; others only when the owner allows it and has a plan. Each viewer downloads at most DOWNLOADS_PER_HOUR an hour (429 \`rate_limited\`). ${doorNote}`,
  tags,
  errors: [...doorErrors, "RATE_LIMITED"],
});

export const embedVideo = operation({
  method: "GET",
  path: "/video/{uuid}/embed",
  auth: "optional",
  scope: "videos:read",
  params: videoSchemas.uuidParams,
  response: accessSchemas.embed,
  summary: "Get the player URL and an <iframe> snippet for a video",
  description: `When it is unlisted or public and its owner allows embedding; with \`embedDomains\`, only for a page on one of them (its owner may always ask). ${doorNote}`,
  tags,
  errors: [...doorErrors],
});

export const deleteVideo = operation({
  method: "DELETE",
  path: "/video/{uuid}",
  auth: "session",
  scope: "videos:write",
  params: videoSchemas.uuidParams,
  response: videoSchemas.deletedVideo,
  summary: "Delete a video",
  tags,
  errors: ["VIDEO_NOT_FOUND"],
});

export const videoStatus = operation({
  method: "GET",
  path: "/video/{uuid}/status",
  auth: "session",
  scope: "videos:read",
  params: videoSchemas.uuidParams,
  response: videoSchemas.videoProgress,
  summary: "Get a video's status (asks the provider when it is overdue)",
  tags,
  errors: ["VIDEO_NOT_FOUND"],
});

export const retryVideo = operation({
  method: "POST",
  path: "/video/{uuid}/retry",
  auth: "session",
  scope: "videos:write",
  rateLimit: generatePolicy,
  idempotent: true,
  params: videoSchemas.uuidParams,
  response: videoSchemas.video,
  status: 202,
  summary: "Retry the upload of a video whose provider copy is still there",
  tags,
  errors: ["VIDEO_NOT_FOUND", "RETRY_NOT_AVAILABLE", "ORIGINAL_URL_EXPIRED"],
});

export const videoAccessStats = operation({
  method: "GET",
  path: "/video/{uuid}/stats",
  auth: "session",
  scope: "videos:read",
  params: videoSchemas.uuidParams,
  query: accessSchemas.statsQuery,
  response: accessSchemas.videoStats,
  summary: "Plays, embeds and downloads of your video per day",
  description:
    "From its access log: per UTC day of the last `days` (default 30), the decisions let through per action, and those refused.",
  tags,
  errors: ["VIDEO_NOT_FOUND"],
});

export const presignUpload = operation({
  method: "POST",
  path: "/upload/presign",
  auth: "session",
  scope: "videos:write",
  body: presignUploadBody,
  response: presignedUpload,
  status: 201,
  summary: "Get a signed URL to upload an image for image-to-video",
  tags,
});

export const latestPublicVideos = operation({
  method: "GET",
  path: "/videos/latest",
  auth: "optional",
  scope: "videos:read",
  query: favoritesSchemas.galleryQuery,
  response: favoritesSchemas.galleryPage,
  summary: "The public gallery, newest first",
  description:
    "Finished public videos by completion time, each with its favorite count; `favorited` says whether you favorited it when signed in (false when anonymous).",
  tags,
});

export const providerCallback = operation({
  method: "POST",
  path: "/video/callback/{provider}",
  auth: "public",
  params: z.object({ provider: z.string().min(1).max(32) }),
  consumes: "application/json",
  response: z.object({ received: z.literal(true) }),
  summary: "A provider's completion callback (signed per provider)",
  tags: ["Callbacks"],
  errors: ["UNAUTHORIZED", "NOT_FOUND", "VIDEO_NOT_FOUND", "CALLBACK_PROCESSING_FAILED"],
});
