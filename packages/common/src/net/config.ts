import { configAccessor } from "@videofly/db";
import { z } from "zod";

const flag = z.enum(["true", "false"]).transform((v) => v === "true");

/**
 * What requests to URLs we did not choose (a provider's result file, later outbound webhooks) may
 * reach. Production: https only and public addresses only. Development and tests allow plain http;
 * private addresses only when asked, for a test's local server.
 */
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    OUTBOUND_ALLOW_HTTP: flag.optional(),
    OUTBOUND_ALLOW_PRIVATE: flag.optional(),
  })
  .transform((env) => ({
    allowHttp: env.OUTBOUND_ALLOW_HTTP ?? env.NODE_ENV !== "production",
    allowPrivate: env.OUTBOUND_ALLOW_PRIVATE ?? false,
  }));

/** `allowLoopback`: loopback only (a webhook receiver on this machine, in development and tests). */
export type OutboundPolicy = z.output<typeof schema> & { allowLoopback?: boolean };

export const outboundPolicy = configAccessor("outbound", schema);
