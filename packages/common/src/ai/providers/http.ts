import type { z } from "zod";
import { ProviderError, type ProviderTaskStatus } from "../types.ts";

export interface JsonClientOptions {
  provider: string;
  baseUrl: string;
  timeoutMs: number;
  /** Sent with every request: the provider's auth header. */
  headers: Record<string, string>;
  /** Values that must never reach an error message (the API key), even if the provider echoes them. */
  secrets: string[];
  /** The provider's own message in an error body, where it has one. */
  errorMessage: (body: unknown) => string | undefined;
}

export interface JsonClient {
  get<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>>;
  post<T extends z.ZodType>(path: string, body: unknown, schema: T): Promise<z.infer<T>>;
  /** POSTs a file's bytes as they are (an upload endpoint), answered with JSON. */
  postBytes<T extends z.ZodType>(
    path: string,
    bytes: Uint8Array<ArrayBuffer>,
    contentType: string,
    schema: T,
  ): Promise<z.infer<T>>;
}

/** A request body: JSON, or bytes of a type. */
type Body = { json: unknown } | { bytes: Uint8Array<ArrayBuffer>; contentType: string } | undefined;

const notJson = Symbol("not JSON");

/**
 * JSON over fetch, with every failure turned into a ProviderError: no answer in time or no
 * connection is retryable ("unavailable"), an HTTP error is classed by its status, and a body that
 * is not JSON, or not of the expected shape, is "bad_response".
 */
export function jsonClient(options: JsonClientOptions): JsonClient {
  const { provider, timeoutMs } = options;

  async function send<T extends z.ZodType>(method: string, path: string, body: Body, schema: T) {
    let response: Response;
    let text: string;
    const contentType = body === undefined ? undefined : "json" in body ? "application/json" : body.contentType;
    try {
      response = await fetch(`${options.baseUrl}${path}`, {
        method,
        headers: {
          accept: "application/json",
          ...(contentType ? { "content-type": contentType } : {}),
          ...options.headers,
        },
        body: body === undefined ? undefined : "json" in body ? JSON.stringify(body.json) : body.bytes,
        // Covers reading the body too: a provider that stalls mid-answer times out as well.
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      const timedOut = cause instanceof DOMException && cause.name === "TimeoutError";
      const message = timedOut
        ? `${provider} did not answer within ${timeoutMs} ms`
        : `${provider} could not be reached`;
      throw new ProviderError(provider, "unavailable", message, true, {
        cause,
        definiteRefusal: neverConnected(cause),
      });
    }

    const parsed = parseJson(text);
    if (!response.ok) {
      const message = parsed === notJson ? undefined : options.errorMessage(parsed);
      throw errorForStatus(provider, response.status, clean(message, options.secrets) ?? `HTTP ${response.status}`);
    }
    if (parsed === notJson) {
      throw badResponse(
        provider,
        `${provider} answered HTTP ${response.status} with a body that is not JSON`,
        response,
      );
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const where = result.error.issues[0]?.path.join(".") || "(body)";
      throw badResponse(provider, `${provider} answered with an unexpected shape at ${where}`, response);
    }
    return result.data;
  }

  return {
    get: (path, schema) => send("GET", path, undefined, schema),
    post: (path, body, schema) => send("POST", path, { json: body }, schema),
    postBytes: (path, bytes, contentType, schema) => send("POST", path, { bytes, contentType }, schema),
  };
}

// Errors of a connection that was never made: the request cannot have reached the provider.
const NOT_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** fetch wraps the socket's error as its cause (an AggregateError when every address was tried). */
function neverConnected(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown; errors?: { code?: unknown }[] } } | null)?.cause;
  if (!cause) return false;
  if (Array.isArray(cause.errors) && cause.errors.length > 0) {
    return cause.errors.every((e) => NOT_CONNECTED.has(String(e?.code)));
  }
  return NOT_CONNECTED.has(String(cause.code));
}

/**
 * Classes a provider's HTTP (or, for Kie, in-body) status. Credentials and requests the provider
 * refuses will not get better by themselves; rate limits and server trouble may. A 4xx is a
 * definite refusal (no task was created); a 5xx is not: the server may have created the task
 * before it failed to answer.
 */
export function errorForStatus(provider: string, status: number, message: string): ProviderError {
  const options = { status, definiteRefusal: status >= 400 && status < 500 };
  if (status === 401 || status === 403) return new ProviderError(provider, "unauthorized", message, false, options);
  // Our account at the provider is out of credit: needs a person, not a retry.
  if (status === 402) return new ProviderError(provider, "payment_required", message, false, options);
  if (status === 404) return new ProviderError(provider, "not_found", message, false, options);
  if (status === 429) return new ProviderError(provider, "rate_limited", message, true, options);
  if (status >= 500) return new ProviderError(provider, "unavailable", message, true, options);
  return new ProviderError(provider, "bad_request", message, false, options);
}

/**
 * Not retryable: when a create call's answer is unreadable the task may exist anyway, and sending
 * it again could pay for the same video twice.
 */
export function badResponse(provider: string, message: string, response?: Response): ProviderError {
  return new ProviderError(provider, "bad_response", message, false, { status: response?.status });
}

/**
 * A status from getTask that we can act on: one the provider's docs list (a callback with an
 * unknown one claims nothing instead), and, when it succeeded, with the file to fetch.
 */
export function requireStatus(provider: string, status: ProviderTaskStatus | undefined): ProviderTaskStatus {
  if (!status) throw badResponse(provider, `${provider} reported a task state its documentation does not list`);
  if (status.state === "succeeded" && !status.videoUrl) {
    throw badResponse(provider, `${provider} reported success without a video URL`);
  }
  return status;
}

/** The provider's message, trimmed to one short line with any secret masked. */
export function clean(message: string | undefined, secrets: string[]): string | undefined {
  if (!message?.trim()) return undefined;
  let text = message.replace(/\s+/g, " ").trim();
  for (const secret of secrets) if (secret) text = text.replaceAll(secret, "[redacted]");
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return notJson;
  }
}
