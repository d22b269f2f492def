import { type ErrorName, errorCodes } from "./codes.ts";

/** A domain error: services throw it, the HTTP shell maps it to its status and code. */
export class AppError extends Error {
  readonly code: string;
  readonly type: string;
  readonly status: number;
  readonly details: unknown;
  /** Extra response headers, such as Retry-After for a 429. */
  readonly headers: Record<string, string>;

  constructor(
    readonly errorName: ErrorName,
    options: { message?: string; details?: unknown; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    const entry = errorCodes[errorName];
    super(options.message ?? entry.message, { cause: options.cause });
    this.name = "AppError";
    this.code = entry.code;
    this.type = entry.type;
    this.status = entry.status;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
