import type { AppError } from "@videofly/common";

export interface ErrorBody {
  success: false;
  error: { code: string; type: string; message: string; details?: unknown; requestId: string };
}

export function successResponse(data: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  return Response.json({ success: true, data }, { status: init.status ?? 200, headers: init.headers });
}

export function errorResponse(error: AppError, requestId: string): Response {
  const body: ErrorBody = {
    success: false,
    error: {
      code: error.code,
      type: error.type,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
      requestId,
    },
  };
  return Response.json(body, { status: error.status, headers: error.headers });
}
