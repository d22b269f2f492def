import { z } from "zod";
import { operation } from "@/server/operation";

const fileParams = z.object({ key: z.array(z.string().min(1)).min(1) });

export const health = operation({
  method: "GET",
  path: "/health",
  auth: "public",
  summary: "Whether the app and its database answer",
  tags: ["System"],
  errors: ["SERVICE_UNAVAILABLE"],
});

export const modelCatalogue = operation({
  method: "GET",
  path: "/config/models",
  auth: "public",
  summary: "The video models, their durations and prices",
  tags: ["Catalogue"],
});

export const productCatalogue = operation({
  method: "GET",
  path: "/config/products",
  auth: "public",
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
  errors: ["NOT_FOUND", "RANGE_NOT_SATISFIABLE"],
});

export const uploadFile = operation({
  method: "PUT",
  path: "/files/{key}",
  auth: "public",
  params: fileParams,
  summary: "Upload a file to its signed URL (local-disk storage)",
  tags: ["Files"],
  errors: ["PAYLOAD_TOO_LARGE"],
});
