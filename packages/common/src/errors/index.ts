export { AppError, isAppError } from "./app-error.ts";
export { type ErrorCode, type ErrorName, errorCodes } from "./codes.ts";
