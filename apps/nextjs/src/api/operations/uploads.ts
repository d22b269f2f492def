import { completeUploadBody, declaredUpload, declareUploadBody, uploadIdParams, uploadSchema } from "@videofly/common";
import { operation } from "@/server/operation";

const tags = ["Uploads"];

export const declareUpload = operation({
  method: "POST",
  path: "/uploads",
  auth: "session",
  scope: "videos:write",
  idempotent: true,
  body: declareUploadBody,
  response: declaredUpload,
  status: 201,
  summary: "Start an upload in parts (up to 500 MB)",
  description:
    "Answers one signed URL per 5 MB part: PUT each part's bytes to its URL (any order, a failed one again), keep each response's ETag, then complete. Limits: image 10 MB, audio 50 MB, video 500 MB.",
  tags,
  errors: ["PAYLOAD_TOO_LARGE"],
});

export const completeUpload = operation({
  method: "POST",
  path: "/uploads/{id}/complete",
  auth: "session",
  scope: "videos:write",
  params: uploadIdParams,
  body: completeUploadBody,
  response: uploadSchema,
  summary: "Assemble the parts and learn what the file is",
  description:
    "Every part must be listed once with its ETag. The bytes decide the type: a file that is not of the declared purpose is refused (`content_mismatch`), deleted, and the upload aborted.",
  tags,
  errors: ["NOT_FOUND", "CONFLICT", "PAYLOAD_TOO_LARGE"],
});

export const getUpload = operation({
  method: "GET",
  path: "/uploads/{id}",
  auth: "session",
  scope: "videos:read",
  params: uploadIdParams,
  response: uploadSchema,
  summary: "An upload's status and, once completed, its facts",
  tags,
  errors: ["NOT_FOUND"],
});

export const abortUpload = operation({
  method: "DELETE",
  path: "/uploads/{id}",
  auth: "session",
  scope: "videos:write",
  params: uploadIdParams,
  response: uploadSchema,
  summary: "Abort an unfinished upload and drop its parts",
  tags,
  errors: ["NOT_FOUND", "CONFLICT"],
});
