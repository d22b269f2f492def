import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import { ProviderError } from "../../src/ai/types.ts";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or undefined when there was none (or it was not JSON: see `bytes`). */
  body: unknown;
  /** The body as it came. */
  bytes: Buffer;
}

export interface FakeResponse {
  status: number;
  /** Sent as JSON… */
  json?: unknown;
  /** …or as it is (for a broken answer). */
  raw?: string;
  /** Answer this late, to exercise timeouts. */
  delayMs?: number;
  /** Answer nothing: reset the connection (TCP RST) once the request has arrived. */
  reset?: boolean;
}

export interface FakeApi {
  baseUrl: string;
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  /** The most recent request. */
  last(): RecordedRequest;
  /** Answers the next request with this instead of the API's usual answer. */
  failNext(response: FakeResponse): void;
  close(): Promise<void>;
}

/** A provider's HTTP API on 127.0.0.1 (a free port), answering through `handle`. */
export async function startFakeApi(handle: (request: RecordedRequest) => FakeResponse): Promise<FakeApi> {
  const requests: RecordedRequest[] = [];
  const overrides: FakeResponse[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const text = bytes.toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const request: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: jsonOrUndefined(text),
      bytes,
    };
    requests.push(request);
    const response = overrides.shift() ?? handle(request);
    if (response.delayMs) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
    if (res.destroyed) return;
    if (response.reset) {
      req.socket.resetAndDestroy();
      return;
    }
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(response.raw ?? JSON.stringify(response.json));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    last: () => {
      const request = requests.at(-1);
      if (!request) throw new Error("no request received");
      return request;
    },
    failNext: (response) => overrides.push(response),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function jsonOrUndefined(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** A GenerationRequest with the fields every test needs; override what the test is about. */
export const baseRequest = {
  reference: "00000000-0000-4000-8000-000000000001",
  mode: "TEXT_TO_VIDEO" as const,
  prompt: "A red fox running through fresh snow at dawn",
  durationSeconds: 5,
  aspectRatio: "16:9",
  quality: "720p",
  callbackUrl: "https://app.example.com/api/v1/video/callback/kie?video=abc&exp=1&sig=xyz",
};

/** The ProviderError a call rejects with (failing the test when it resolves or throws something else). */
export async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(ProviderError);
  return caught as ProviderError;
}

/** The ProviderError a synchronous call throws. */
export function thrownProviderError(call: () => unknown): ProviderError {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ProviderError);
  return caught as ProviderError;
}
