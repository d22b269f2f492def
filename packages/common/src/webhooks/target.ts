import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { AppError } from "../errors/index.ts";
import { addressAllowed, classifyAddress, type OutboundPolicy, outboundPolicy } from "../net/index.ts";
import { webhookConfig } from "./config.ts";

/**
 * Where deliveries may go: the outbound guard's scheme rule (https only in production unless
 * OUTBOUND_ALLOW_HTTP), public addresses only, loopback too when WEBHOOK_ALLOW_LOOPBACK.
 */
export function webhookPolicy(): OutboundPolicy {
  return { allowHttp: outboundPolicy().allowHttp, allowPrivate: false, allowLoopback: webhookConfig().allowLoopback };
}

function refuse(message: string): AppError {
  return new AppError("VALIDATION_FAILED", {
    message,
    details: { fields: [{ field: "body.url", code: "not_allowed", message }] },
  });
}

function permitted(address: string, policy: OutboundPolicy): boolean {
  return addressAllowed(address, false) || (policy.allowLoopback === true && classifyAddress(address) === "loopback");
}

/**
 * Checks an endpoint URL when it is saved, so the owner hears at once what delivery would refuse:
 * the scheme, credentials in the URL, and every address the host resolves to now (delivery checks
 * again on each connection: DNS may change).
 */
export async function assertWebhookTarget(raw: string): Promise<string> {
  const policy = webhookPolicy();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse("The URL is not valid.");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && policy.allowHttp)) {
    throw refuse(policy.allowHttp ? "The URL must be http or https." : "The URL must be https.");
  }
  if (url.username || url.password) throw refuse("The URL must not carry credentials.");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await resolve(host);
  const refused = addresses.find((a) => !permitted(a, policy));
  if (refused !== undefined)
    throw refuse(`${url.hostname} is a ${classifyAddress(refused)} address; webhooks go to public addresses.`);
  return url.toString();
}

async function resolve(host: string): Promise<string[]> {
  try {
    return (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw refuse(`${host} does not resolve.`);
  }
}
