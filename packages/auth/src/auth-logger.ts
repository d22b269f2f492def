import { logger } from "@videofly/common";
import type { BetterAuthOptions } from "better-auth";

type Level = "debug" | "info" | "warn" | "error";

/**
 * Better Auth's own messages as JSON lines through our logger, instead of its multi-line console
 * output. Only the message and an error's code and status are kept: its other arguments may carry
 * request data. A refused client (an invalid API key is an APIError with a 4xx status) is not a
 * server error, so it is logged at info.
 */
export const authLogger: NonNullable<BetterAuthOptions["logger"]> = {
  level: "warn",
  log(level: Level, message: string, ...args: unknown[]) {
    const failure = args.find(
      (a): a is Error & { statusCode?: number; body?: { code?: unknown } } => a instanceof Error,
    );
    const clientError = failure?.statusCode !== undefined && failure.statusCode < 500;
    logger()[clientError ? "info" : level](
      {
        event: "auth.log",
        ...(failure ? { errorName: failure.name, status: failure.statusCode, code: failure.body?.code } : {}),
      },
      `better-auth: ${message}`,
    );
  },
};
