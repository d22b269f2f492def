import { beforeAll, describe, expect, inject, it } from "vitest";
import { api, baseUrl, type Envelope, fieldsOf, signUpVerified } from "./support/http";

// Every cursor-paginated list of /api/v1. Each one is given two or more items below, so that
// `?limit=1` hands out a real cursor to take apart.
const LISTS = [
  "/api/v1/credit/packages",
  "/api/v1/credit/history",
  "/api/v1/video/list",
  "/api/v1/admin/users",
  "/api/v1/projects",
];

let cookie: string;
const realCursors = new Map<string, string>();

const get = (path: string) =>
  api<{ items: { id?: string; uuid?: string }[]; nextCursor: string | null }>(path, { headers: { cookie } });
const post = (path: string, body: unknown) =>
  api(path, {
    method: "POST",
    headers: { cookie, "content-type": "application/json", origin: baseUrl() },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  // The admin owns data in every list: the sign-up bonus and a grant (two packages, two ledger
  // entries), two videos, two projects; and users exist besides the admin.
  const admin = await signUpVerified(inject("adminEmails")[2] ?? "");
  cookie = admin.cookie;
  await signUpVerified("cursors-someone@example.com");
  expect(
    (await post("/api/v1/admin/credits", { userId: admin.userId, credits: 5, reason: "cursor test" })).res.status,
  ).toBe(201);
  for (const prompt of ["a first fox", "a second fox"]) {
    const body = { model: "kling-2.6", mode: "TEXT_TO_VIDEO", prompt, duration: 5, quality: "standard" };
    expect((await post("/api/v1/video/generate", body)).res.status).toBe(201);
  }
  for (const name of ["a first project", "a second project"]) {
    expect((await post("/api/v1/projects", { name })).res.status).toBe(201);
  }
  for (const list of LISTS) {
    const { body } = await get(`${list}?limit=1`);
    if (body.data?.nextCursor) realCursors.set(list, body.data.nextCursor);
  }
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const decode = (cursor: string): unknown => JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));

const MALFORMED: Record<string, string> = {
  garbage: "not a cursor!",
  "base64 of broken JSON": Buffer.from('{"oops').toString("base64url"),
  "base64 JSON of the wrong shape": b64({ after: 1 }),
  "base64 JSON null": b64(null),
  "an empty array": b64([]),
  "four numbers": b64([1, 2, 3, 4]),
  huge: "A".repeat(10_000),
  unicode: "💥ünïcødé✓",
  "a NUL byte": b64(["x\u0000", "y"]),
};

// One leaf of a real cursor swapped for a value of the right type that no list may accept.
function leafVariants(value: unknown): unknown[] {
  if (typeof value === "number") return [-1, 0.5, 1e308];
  if (typeof value !== "string") return [];
  if (/^\d{4}-\d{2}-\d{2}/.test(value))
    return [
      "-100000-01-01T00:00:00.000Z",
      "2026-13-45T25:61:00.000Z",
      "0000-01-01T00:00:00.000Z",
      "+275760-09-13T00:00:00.000Z",
    ];
  if (/^\d+$/.test(value)) return ["-1", "99999999999999999999", "1e999"];
  return ["x\u0000y", "ü".repeat(20), ""];
}

function mutations(value: unknown): unknown[] {
  const out = leafVariants(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      for (const changed of mutations(item)) out.push(value.with(i, changed));
    });
  }
  return out;
}

function casesFor(list: string): [string, string][] {
  const real = realCursors.get(list);
  return [
    ...Object.entries(MALFORMED),
    ...(real ? mutations(decode(real)) : []).map((m): [string, string] => [`mutated ${JSON.stringify(m)}`, b64(m)]),
    ...[...realCursors]
      .filter(([other]) => other !== list)
      .map(([other, cursor]): [string, string] => [`a cursor of ${other}`, cursor]),
  ];
}

const describeResult = (res: Response, body: Envelope) =>
  `${res.status} ${body.error?.code ?? ""} ${fieldsOf(body).join(",")}`;

describe("cursors", () => {
  it("page through every list, each item once", async () => {
    expect([...realCursors.keys()]).toEqual(LISTS);
    for (const list of LISTS) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const { body } = await get(`${list}?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
        expect(body.success, list).toBe(true);
        seen.push(...(body.data?.items ?? []).map((item) => item.id ?? item.uuid ?? ""));
        cursor = body.data?.nextCursor ?? null;
      } while (cursor);
      expect(seen.length, list).toBeGreaterThanOrEqual(2);
      expect(new Set(seen).size, list).toBe(seen.length);
    }
  });

  it.each(LISTS)("a malformed, out-of-range or foreign cursor on %s is a 400 naming query.cursor", async (list) => {
    const wrong: string[] = [];
    for (const [label, cursor] of casesFor(list)) {
      const { res, body } = await get(`${list}?cursor=${encodeURIComponent(cursor)}`);
      const ok = res.status === 400 && body.error?.code === "E4000" && fieldsOf(body).includes("query.cursor");
      if (!ok) wrong.push(`${label}: ${describeResult(res, body)}`);
    }
    expect(wrong).toEqual([]);
  });
});
