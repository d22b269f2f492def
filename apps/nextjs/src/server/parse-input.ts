import { AppError } from "@videofly/common";
import type { z } from "zod";

export interface FieldIssue {
  /** Where the bad value is: `body.prompt`, `query.limit`, `params.uuid`. */
  field: string;
  code: string;
  message: string;
}

type Source = "params" | "query" | "body";

function issuesOf(source: Source, error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: [source, ...issue.path.map(String)].join("."),
    code: issue.code,
    message: issue.message,
  }));
}

/** Parses every source against its schema and reports all bad fields at once. */
export function parseInputs(
  schemas: Partial<Record<Source, z.ZodType>>,
  raw: Record<Source, unknown>,
): Record<Source, unknown> {
  const out: Record<Source, unknown> = { params: undefined, query: undefined, body: undefined };
  const issues: FieldIssue[] = [];
  for (const source of ["params", "query", "body"] as const) {
    const schema = schemas[source];
    if (!schema) continue;
    const result = schema.safeParse(raw[source]);
    if (result.success) out[source] = result.data;
    else issues.push(...issuesOf(source, result.error));
  }
  if (issues.length) {
    throw new AppError("VALIDATION_FAILED", {
      message: `Invalid request: ${issues.map((i) => i.field).join(", ")}`,
      details: { fields: issues },
    });
  }
  return out;
}

/** Query strings become plain objects; a repeated key becomes an array. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    out[key] = values.length > 1 ? values : (values[0] ?? "");
  }
  return out;
}

/**
 * Reads a JSON body with a size cap; an absent body is `undefined`, one not declared
 * `application/json` a 415, malformed JSON a 400. The declared type matters beyond tidiness:
 * `text/plain` and form bodies are what browsers send cross-site without asking first.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readBodyText(request, maxBytes);
  if (text.trim() === "") return undefined;
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? null;
  if (type !== "application/json") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", { details: { contentType: type } });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION_FAILED", {
      message: "The request body is not valid JSON.",
      details: { fields: [{ field: "body", code: "invalid_json", message: "Malformed JSON" }] },
    });
  }
}

/** Reads the raw body as text, stopping (413) as soon as it passes `maxBytes`, whatever Content-Length says. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(maxBytes: number) {
  return new AppError("PAYLOAD_TOO_LARGE", {
    message: `The request body exceeds ${maxBytes} bytes.`,
    details: { maxBytes },
  });
}
