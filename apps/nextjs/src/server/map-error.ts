import { AppError, isAppError } from "@videofly/common";
import { Prisma } from "@videofly/db";

// Errors that mean "the database cannot be reached", not "the query was wrong".
const UNAVAILABLE_CODES = new Set([
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "ENOTFOUND",
  "57P01",
  "57P03",
]);

function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { code?: unknown; errorCode?: unknown; cause?: unknown };
  if (typeof e.code === "string") return e.code;
  if (typeof e.errorCode === "string") return e.errorCode;
  return errorCodeOf(e.cause);
}

/** Any thrown value as the AppError the client will see; internals never leak into the message. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof Prisma.PrismaClientInitializationError)
    return new AppError("SERVICE_UNAVAILABLE", { cause: error });
  const code = errorCodeOf(error);
  if (code && UNAVAILABLE_CODES.has(code)) return new AppError("SERVICE_UNAVAILABLE", { cause: error });
  return new AppError("INTERNAL", { cause: error });
}
