import { billingSchemas, videoSchemas, voiceSchema } from "@videofly/common";
import { z } from "zod";
import { operation } from "@/server/operation";

// A catch-all segment: the storage key, slashes and all (`uploads/<userId>/<id>.png`).
const fileParams = z.object({
  key: z
    .array(z.string().min(1))
    .min(1)
    .meta({
      description: "The storage key, slashes included.",
      override: ({ jsonSchema }) => {
        for (const k of Object.keys(jsonSchema)) delete jsonSchema[k as keyof typeof jsonSchema];
        Object.assign(jsonSchema, { type: "string", example: "uploads/usr_1/3f2a.png" });
      },
    }),
});

export const health = operation({
  method: "GET",
  path: "/health",
  auth: "public",
  response: z.object({ status: z.literal("ok"), database: z.literal("up") }).meta({ id: "Health" }),
  summary: "Whether the app and its database answer",
  tags: ["System"],
  errors: ["SERVICE_UNAVAILABLE"],
});

export const openApiDocument = operation({
  method: "GET",
  path: "/openapi.json",
  auth: "public",
  produces: "application/json",
  summary: "This API's OpenAPI 3.1 document",
  description: "The document itself, not in the envelope: what the reference page and the SDK are built from.",
  tags: ["System"],
});

export const modelCatalogue = operation({
  method: "GET",
  path: "/config/models",
  auth: "public",
  response: z.array(videoSchemas.catalogueModel),
  summary: "The video models, their durations and prices",
  tags: ["Catalogue"],
});

export const voiceCatalogue = operation({
  method: "GET",
  path: "/config/voices",
  auth: "public",
  response: z.array(voiceSchema),
  summary: "The voices a lip-sync script can be read in",
  description:
    "Pass one's id as `voice` with a `script`. A static list: each voice is read by the providers it names (HeyGen, D-ID); the demo provider reads none and speaks a tone of the script's length.",
  tags: ["Catalogue"],
});

export const productCatalogue = operation({
  method: "GET",
  path: "/config/products",
  auth: "public",
  response: billingSchemas.productCatalogue,
  summary: "The credit packs and subscriptions for sale",
  tags: ["Catalogue"],
});

// The local-disk storage driver's signed URLs; the signature in the query is the auth.
export const downloadFile = operation({
  method: "GET",
  path: "/files/{key}",
  auth: "public",
  params: fileParams,
  produces: "application/octet-stream",
  summary: "Download a stored file by its signed URL (local-disk storage)",
  tags: ["Files"],
  errors: ["FORBIDDEN", "NOT_FOUND", "RANGE_NOT_SATISFIABLE"],
});

export const uploadFile = operation({
  method: "PUT",
  path: "/files/{key}",
  auth: "public",
  params: fileParams,
  consumes: "application/octet-stream",
  response: z
    .object({
      key: z.string(),
      size: z.int(),
      etag: z.string().optional().meta({ description: "A part's ETag (also the ETag header), to list at complete." }),
    })
    .meta({ id: "StoredFile" }),
  summary: "Upload a file, or a part of an upload, to its signed URL (local-disk storage)",
  description:
    "A part URL (from `POST /uploads`) carries `uploadId` and `partNumber`; its body must be exactly the part's length.",
  tags: ["Files"],
  errors: ["FORBIDDEN", "PAYLOAD_TOO_LARGE"],
});
