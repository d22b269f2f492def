import pino from "pino";
import { commonConfig } from "./config.ts";

// Any field with one of these names is masked wherever it appears (two levels deep),
// so a secret passed in a log object by mistake never reaches the output.
const secretKeys = [
  "password",
  "secret",
  "token",
  "apiKey",
  "api_key",
  "authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "key",
  "accessToken",
  "refreshToken",
  "idToken",
  "DATABASE_URL",
  "databaseUrl",
];

const redactPaths = secretKeys.flatMap((k) => {
  const p = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const child = p.startsWith("[") ? p : `.${p}`;
  return [p, `*${child}`, `*.*${child}`];
});

export type Logger = pino.Logger;

/** A JSON-lines logger; `destination` defaults to stdout. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "videofly" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths, censor: "[redacted]" },
    },
    destination,
  );
}

let root: Logger | undefined;

/** The process logger. */
export function logger(): Logger {
  root ??= createLogger(commonConfig().LOG_LEVEL);
  return root;
}
