import { describe, expect, it } from "vitest";
import { usageSchemas } from "../../src/usage/index.ts";

const DAY = 86_400_000;
const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];

describe("usage query schemas", () => {
  it("default to the last 30 days, per day", () => {
    const before = Date.now();
    const q = usageSchemas.summaryQuery.parse({});
    expect(q.groupBy).toBe("day");
    expect(q.to.getTime()).toBeGreaterThanOrEqual(before);
    expect(q.to.getTime() - q.from.getTime()).toBe(30 * DAY);
    expect(usageSchemas.requestsQuery.parse({})).toEqual({ limit: 50 });
  });

  it("take ISO datetimes with a zone, a group and a key", () => {
    const q = usageSchemas.summaryQuery.parse({
      from: "2026-05-01T00:00:00+02:00",
      to: "2026-05-31T00:00:00Z",
      groupBy: "route",
      keyId: "abcDEF123",
    });
    expect(q).toEqual({
      from: new Date("2026-04-30T22:00:00Z"),
      to: new Date("2026-05-31T00:00:00Z"),
      groupBy: "route",
      keyId: "abcDEF123",
    });
  });

  it("reject a range that runs backwards, naming `from`", () => {
    const bad = { from: "2026-05-02T00:00:00Z", to: "2026-05-01T00:00:00Z" };
    for (const schema of [usageSchemas.summaryQuery, usageSchemas.requestsQuery]) {
      expect(issuesOf(schema.safeParse(bad))).toEqual([["from", "`from` must not be after `to`."]]);
    }
  });

  it("reject a range longer than what is kept (90 days), also one opened only by `from`", () => {
    const message = "Usage is kept for 90 days: the range can span at most 90 days.";
    const long = { from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:01Z" };
    expect(issuesOf(usageSchemas.summaryQuery.safeParse(long))).toEqual([["from", message]]);
    expect(issuesOf(usageSchemas.requestsQuery.safeParse(long))).toEqual([["from", message]]);
    const from = new Date(Date.now() - 91 * DAY).toISOString();
    expect(issuesOf(usageSchemas.summaryQuery.safeParse({ from }))).toEqual([["from", message]]);
    expect(
      usageSchemas.summaryQuery.safeParse({ from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z" }).success,
    ).toBe(true);
  });

  it("reject what is not a datetime, group, key id, limit or cursor", () => {
    expect(
      issuesOf(usageSchemas.summaryQuery.safeParse({ from: "yesterday", groupBy: "user" })).map(([p]) => p),
    ).toEqual(["from", "groupBy"]);
    const requests = usageSchemas.requestsQuery.safeParse({ limit: "101", cursor: "bm90LWEtY3Vyc29y", keyId: "a b" });
    expect(
      issuesOf(requests)
        .map(([p]) => p)
        .sort(),
    ).toEqual(["cursor", "keyId", "limit"]);
    expect(usageSchemas.requestsQuery.safeParse({ limit: "0" }).success).toBe(false);
  });
});
