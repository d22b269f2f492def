"use client";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Calls our own /api/v1 with the session cookie, as any REST client would; errors become ApiError. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? {} : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  const json = (await res.json().catch(() => null)) as {
    success?: boolean;
    data?: T;
    error?: { code: string; message: string; details?: unknown };
  } | null;
  if (!res.ok || !json?.success) {
    throw new ApiError(
      res.status,
      json?.error?.code ?? "E5000",
      json?.error?.message ?? `Request failed (${res.status})`,
      json?.error?.details,
    );
  }
  return json.data as T;
}

/** The message of a failed request, with the fields a validation error names. */
export function describeError(e: unknown, fallback: string): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : fallback;
  const fields = (e.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? [];
  const detail = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
  return detail ? `${e.message} (${detail})` : e.message;
}
