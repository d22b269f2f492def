import type { Wire } from "@videofly/common";
import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { AdminApiKeyView, ApiKeyView, apiKeyResponses, CreatedApiKey } from "../src/index.ts";

type Out<K extends keyof typeof apiKeyResponses> = z.output<(typeof apiKeyResponses)[K]>;

// The compiler holds the documented key shapes to the views the functions return.
describe("API-key response schemas have the views' types", () => {
  it("as created, listed (with the audit's request count) and changed", () => {
    expectTypeOf<Wire<CreatedApiKey>>().toEqualTypeOf<Out<"created">>();
    expectTypeOf<Wire<ApiKeyView>>().toEqualTypeOf<Out<"key">>();
    expectTypeOf<Wire<(ApiKeyView & { requests: number })[]>>().toEqualTypeOf<Out<"listed">>();
    expectTypeOf<Wire<AdminApiKeyView>>().toEqualTypeOf<Out<"admin">>();
    expectTypeOf<
      Wire<{ items: (AdminApiKeyView & { requests: number })[]; nextCursor: string | null }>
    >().toEqualTypeOf<Out<"adminPage">>();
  });
});
