import type { Readable } from "node:stream";
import { OutboundError, safeRequest } from "../net/index.ts";
import { webhookConfig } from "./config.ts";
import { signatureHeaders } from "./sign.ts";
import { webhookPolicy } from "./target.ts";

/** What the delivery log keeps of an answer. */
export const LOGGED_BODY_BYTES = 1024;

export interface AttemptResult {
  statusCode: number | null;
  durationMs: number;
  /** The first 1 KB of the answer. */
  responseBody: string | null;
  /** Why there is no answer: the guard's refusal, a timeout, a refused connection. */
  error: string | null;
}

/** POSTs one signed attempt through the outbound guard; redirects are not followed (a 3xx is a failure). */
export async function postWebhook(input: {
  url: string;
  msgId: string;
  body: string;
  secrets: string[];
}): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await safeRequest(input.url, {
      method: "POST",
      body: input.body,
      timeoutMs: webhookConfig().timeoutMs,
      followRedirects: false,
      policy: webhookPolicy(),
      headers: {
        "content-type": "application/json",
        "user-agent": "VideoFly-Webhooks/1",
        ...signatureHeaders(input),
      },
    });
    const responseBody = await head(res.body, LOGGED_BODY_BYTES);
    return { statusCode: res.status, durationMs: elapsed(), responseBody, error: null };
  } catch (error) {
    return { statusCode: null, durationMs: elapsed(), responseBody: null, error: describe(error) };
  }
}

/** The first `max` bytes of a body as text; the rest is not read (the connection closes). */
async function head(body: Readable, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= max) break;
  }
  body.destroy();
  // PostgreSQL text holds no NUL; a multi-byte character cut at the limit is dropped.
  return Buffer.concat(chunks)
    .subarray(0, max)
    .toString("utf8")
    .replaceAll(String.fromCharCode(0), "")
    .replace(/\uFFFD+$/, "");
}

function describe(error: unknown): string {
  if (error instanceof OutboundError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError") return "timeout: no answer in time";
    const code = (error as NodeJS.ErrnoException).code;
    return (code ? `${code}: ${error.message}` : error.message).slice(0, LOGGED_BODY_BYTES);
  }
  return String(error).slice(0, LOGGED_BODY_BYTES);
}
