/**
 * The one error-code table of the API. E4xxx: the client can fix it; E5xxx: ours.
 * Domain codes are numbered; generic ones carry their HTTP status (E4040 = 404).
 */
export const errorCodes = {
  INSUFFICIENT_CREDITS: {
    code: "E4001",
    type: "insufficient_credits",
    status: 402,
    message: "Not enough credits for this request.",
  },
  MODEL_NOT_FOUND: {
    code: "E4002",
    type: "model_not_found",
    status: 400,
    message: "The model does not exist or is disabled.",
  },
  INVALID_DURATION: {
    code: "E4003",
    type: "invalid_duration",
    status: 400,
    message: "The model does not offer this duration.",
  },
  IMAGE_REQUIRED: { code: "E4004", type: "image_required", status: 400, message: "Image-to-video needs an image." },
  MAX_CONCURRENT_GENERATIONS: {
    code: "E4005",
    type: "max_concurrent_generations",
    status: 429,
    message: "Too many generations in progress; wait for one to finish.",
  },
  VIDEO_NOT_FOUND: { code: "E4006", type: "video_not_found", status: 404, message: "Video not found." },
  RETRY_NOT_AVAILABLE: {
    code: "E4007",
    type: "retry_not_available",
    status: 409,
    message: "This video cannot be retried.",
  },
  ORIGINAL_URL_EXPIRED: {
    code: "E4008",
    type: "original_url_expired",
    status: 410,
    message: "The provider's copy of this video has expired.",
  },

  VALIDATION_FAILED: { code: "E4000", type: "validation_error", status: 400, message: "The request is not valid." },
  UNAUTHORIZED: { code: "E4010", type: "unauthorized", status: 401, message: "Authentication is required." },
  FORBIDDEN: { code: "E4030", type: "forbidden", status: 403, message: "You are not allowed to do this." },
  NOT_FOUND: { code: "E4040", type: "not_found", status: 404, message: "Not found." },
  METHOD_NOT_ALLOWED: { code: "E4050", type: "method_not_allowed", status: 405, message: "Method not allowed." },
  CONFLICT: { code: "E4090", type: "conflict", status: 409, message: "The request conflicts with the current state." },
  PAYLOAD_TOO_LARGE: {
    code: "E4130",
    type: "payload_too_large",
    status: 413,
    message: "The request body is too large.",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    code: "E4150",
    type: "unsupported_media_type",
    status: 415,
    message: "The request body must be sent as application/json.",
  },
  RANGE_NOT_SATISFIABLE: {
    code: "E4160",
    type: "range_not_satisfiable",
    status: 416,
    message: "The requested range is outside the file.",
  },
  UNPROCESSABLE: { code: "E4220", type: "unprocessable", status: 422, message: "The request cannot be processed." },
  RATE_LIMITED: { code: "E4290", type: "rate_limited", status: 429, message: "Too many requests; slow down." },

  INTERNAL: { code: "E5000", type: "internal_error", status: 500, message: "Something went wrong on our side." },
  PROVIDER_ERROR: { code: "E5001", type: "provider_error", status: 502, message: "The video provider failed." },
  STORAGE_UPLOAD_FAILED: {
    code: "E5002",
    type: "storage_upload_failed",
    status: 500,
    message: "Storing the video failed.",
  },
  PROVIDER_FILE_REJECTED: {
    code: "E5004",
    type: "provider_file_rejected",
    status: 502,
    message: "The provider's file was refused: not an MP4 or WebM video, too large, or at an address we do not fetch.",
  },
  CALLBACK_PROCESSING_FAILED: {
    code: "E5003",
    type: "callback_processing_failed",
    status: 500,
    message: "Processing the provider callback failed.",
  },
  SERVICE_UNAVAILABLE: {
    code: "E5030",
    type: "service_unavailable",
    status: 503,
    message: "A service we depend on is unavailable.",
  },
} as const satisfies Record<string, { code: `E${4 | 5}${number}`; type: string; status: number; message: string }>;

export type ErrorName = keyof typeof errorCodes;
export type ErrorCode = (typeof errorCodes)[ErrorName]["code"];
