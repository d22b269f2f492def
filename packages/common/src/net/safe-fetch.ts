import { lookup as dnsLookup } from "node:dns";
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { pipeline, type Readable, Transform } from "node:stream";
import { addressAllowed, classifyAddress } from "./address.ts";
import { type OutboundPolicy, outboundPolicy } from "./config.ts";

export type OutboundErrorCode =
  | "bad_url"
  | "scheme_not_allowed"
  | "address_not_allowed"
  | "too_many_redirects"
  | "too_large";

/** A request the guard refused, or a body past its cap: asking again would not help. */
export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "OutboundError";
  }
}

export interface SafeGetOptions {
  /** For the whole exchange, the body included. */
  timeoutMs: number;
  headers?: Record<string, string>;
  /** Default GET; a body is sent with POST. */
  method?: "GET" | "POST";
  body?: string;
  /** Default true; false answers a redirect as it is (a webhook's 3xx is not followed: it is a failure). */
  followRedirects?: boolean;
  /** The body fails with "too_large" past this many bytes, whatever its Content-Length said. */
  maxBytes?: number;
  /** Default 5; each hop is checked like the first URL. */
  maxRedirects?: number;
  /** Origins exempt from the policy: our own app's (the demo provider's file is served by it). */
  trustedOrigins?: readonly string[];
  /** Default: the process's (OUTBOUND_ALLOW_HTTP, OUTBOUND_ALLOW_PRIVATE). */
  policy?: OutboundPolicy;
}

export interface SafeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The URL that answered, after redirects. */
  url: string;
  /** The declared Content-Length, when there is one. */
  contentLength: number | undefined;
  /** A stream: never buffered here. */
  body: Readable;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A GET to a URL someone else gave us (SSRF guard): the scheme must be allowed, and every address
 * the host resolves to must be public (unless the policy allows private ones); the connection goes
 * to the address that was checked, so DNS cannot answer differently in between (rebinding).
 * Redirects are followed by hand, each hop checked again. One fresh connection per hop: a pooled
 * socket would skip the check.
 */
export async function safeGet(input: string, options: SafeGetOptions): Promise<SafeResponse> {
  return safeRequest(input, options);
}

/** `safeGet` for any method: the same guard, and the body (when given) sent on every hop. */
export async function safeRequest(input: string, options: SafeGetOptions): Promise<SafeResponse> {
  const policy = options.policy ?? outboundPolicy();
  const maxRedirects = options.maxRedirects ?? 5;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = parseUrl(input);
  for (let redirects = 0; ; redirects += 1) {
    const trusted = options.trustedOrigins?.includes(url.origin) ?? false;
    if (!trusted) checkUrl(url, policy);
    const lookup = trusted ? undefined : guardedLookup(policy);
    const res = await send(url, {
      method: options.method ?? "GET",
      body: options.body,
      headers: options.headers,
      signal,
      lookup,
    });
    const location = res.headers.location;
    const follow = options.followRedirects ?? true;
    if (!follow || !REDIRECTS.has(res.statusCode ?? 0) || !location) return respond(url, res, options.maxBytes);
    res.destroy();
    if (redirects >= maxRedirects) {
      throw new OutboundError("too_many_redirects", `more than ${maxRedirects} redirects from ${input}`);
    }
    url = parseUrl(location, url);
  }
}

function parseUrl(text: string, base?: URL): URL {
  try {
    return new URL(text, base);
  } catch {
    throw new OutboundError("bad_url", "not a URL");
  }
}

function checkUrl(url: URL, policy: OutboundPolicy): void {
  const schemeAllowed = url.protocol === "https:" || (url.protocol === "http:" && policy.allowHttp);
  if (!schemeAllowed) throw new OutboundError("scheme_not_allowed", `${url.protocol} URLs are not fetched`);
  // An address in the URL is connected to directly (no lookup happens): check it here.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && !permitted(host, policy)) {
    throw new OutboundError("address_not_allowed", `${host} is a ${classifyAddress(host)} address`);
  }
}

function permitted(address: string, policy: OutboundPolicy): boolean {
  return (
    addressAllowed(address, policy.allowPrivate) ||
    (policy.allowLoopback === true && classifyAddress(address) === "loopback")
  );
}

/** Resolves like the default lookup, then refuses the host when any of its addresses is not allowed. */
function guardedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.find((a) => !permitted(a.address, policy));
      const first = addresses[0];
      if (refused || !first) {
        const why = refused ? `${refused.address}, a ${classifyAddress(refused.address)} address` : "nothing";
        return callback(new OutboundError("address_not_allowed", `${hostname} resolves to ${why}`), "", 0);
      }
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

function send(
  url: URL,
  options: {
    method: string;
    body: string | undefined;
    headers?: Record<string, string>;
    signal: AbortSignal;
    lookup?: LookupFunction;
  },
): Promise<IncomingMessage> {
  const client = url.protocol === "https:" ? https : http;
  const { body, ...rest } = options;
  return new Promise((resolve, reject) => {
    const request = client.request(url, { agent: false, ...rest }, resolve);
    request.once("error", reject);
    request.end(body);
  });
}

function respond(url: URL, res: IncomingMessage, maxBytes: number | undefined): SafeResponse {
  const declared = Number(res.headers["content-length"] ?? Number.NaN);
  const contentLength = Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined;
  if (maxBytes !== undefined && contentLength !== undefined && contentLength > maxBytes) {
    res.destroy();
    throw new OutboundError("too_large", `the body is ${contentLength} bytes; at most ${maxBytes} are accepted`);
  }
  const body = maxBytes === undefined ? res : capped(res, maxBytes);
  return { status: res.statusCode ?? 0, headers: res.headers, url: url.toString(), contentLength, body };
}

/** The response, failing as soon as it passes `maxBytes`; the connection is then closed. */
function capped(source: IncomingMessage, maxBytes: number): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new OutboundError("too_large", `the body is larger than ${maxBytes} bytes`));
      else callback(null, chunk);
    },
  });
  // pipeline destroys the response when the counter fails or its reader gives up; the error itself
  // reaches the reader through the counter.
  pipeline(source, counter, () => {});
  return counter;
}
