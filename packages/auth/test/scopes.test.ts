import { describe, expect, it } from "vitest";
import { API_SCOPES, apiScopeSchema, permissionsToScopes, scopesToPermissions } from "../src/scopes.ts";

describe("scopes and the plugin's permissions", () => {
  it("round-trip, in API_SCOPES order", () => {
    expect(scopesToPermissions(["usage:read", "videos:write", "videos:read"])).toEqual({
      videos: ["read", "write"],
      usage: ["read"],
    });
    for (const scope of API_SCOPES) expect(permissionsToScopes(scopesToPermissions([scope]))).toEqual([scope]);
    expect(permissionsToScopes(scopesToPermissions([...API_SCOPES].reverse()))).toEqual([...API_SCOPES]);
  });

  it("grant nothing for what we do not know", () => {
    expect(permissionsToScopes(null)).toEqual([]);
    expect(permissionsToScopes("videos:read")).toEqual([]);
    expect(permissionsToScopes({ videos: ["read", "delete"], admin: ["write"], usage: "read" })).toEqual([
      "videos:read",
    ]);
    expect(apiScopeSchema.safeParse("videos:delete").success).toBe(false);
  });
});
