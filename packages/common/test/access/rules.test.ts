import { describe, expect, it } from "vitest";
import { hostMatches, type PolicyFacts, policyOutcome } from "../../src/access/rules.ts";

const base: PolicyFacts = {
  action: "play",
  isOwner: false,
  visibility: "UNLISTED",
  allowEmbed: true,
  allowDownload: true,
  embedDomains: [],
  ownerSubscribed: true,
  referrerHost: null,
  appHost: "videofly.example",
};
const outcome = (facts: Partial<PolicyFacts>) => policyOutcome({ ...base, ...facts });

describe("the access policy", () => {
  it("keeps a private video to its owner, who may play and download it but not embed it", () => {
    expect(outcome({ visibility: "PRIVATE" })).toEqual({ allowed: false, reason: "private" });
    expect(outcome({ visibility: "PRIVATE", isOwner: true })).toEqual({ allowed: true, reason: "owner" });
    expect(outcome({ visibility: "PRIVATE", isOwner: true, action: "download", ownerSubscribed: false })).toEqual({
      allowed: true,
      reason: "owner",
    });
    expect(outcome({ visibility: "PRIVATE", isOwner: true, action: "embed" })).toEqual({
      allowed: false,
      reason: "private",
    });
  });

  it("lets anyone play and embed a shared video, naming how it is shared", () => {
    expect(outcome({ visibility: "PUBLIC" })).toEqual({ allowed: true, reason: "public" });
    expect(outcome({ action: "embed" })).toEqual({ allowed: true, reason: "unlisted" });
    expect(outcome({ action: "embed", allowEmbed: false })).toEqual({ allowed: false, reason: "embed_not_allowed" });
    expect(outcome({ action: "embed", allowEmbed: false, isOwner: true })).toEqual({
      allowed: false,
      reason: "embed_not_allowed",
    });
  });

  it("embeds on the listed domains only, and on the app's own pages; the owner may always ask", () => {
    const domains = { action: "embed" as const, embedDomains: ["*.example.com", "shop.test"] };
    expect(outcome({ ...domains, referrerHost: "blog.example.com" }).allowed).toBe(true);
    expect(outcome({ ...domains, referrerHost: "example.com" }).allowed).toBe(true);
    expect(outcome({ ...domains, referrerHost: "shop.test" }).allowed).toBe(true);
    expect(outcome({ ...domains, referrerHost: "videofly.example" }).allowed).toBe(true);
    expect(outcome({ ...domains, referrerHost: "notexample.com" })).toEqual({
      allowed: false,
      reason: "domain_not_allowed",
    });
    expect(outcome({ ...domains, referrerHost: "sub.shop.test" }).allowed).toBe(false);
    expect(outcome({ ...domains, referrerHost: null }).allowed).toBe(false);
    expect(outcome({ ...domains, referrerHost: null, isOwner: true }).allowed).toBe(true);
  });

  it("lets others download only what the owner allows, and only when the owner has a plan", () => {
    expect(outcome({ action: "download" })).toEqual({ allowed: true, reason: "download_allowed" });
    expect(outcome({ action: "download", allowDownload: false })).toEqual({
      allowed: false,
      reason: "download_not_allowed",
    });
    expect(outcome({ action: "download", ownerSubscribed: false })).toEqual({
      allowed: false,
      reason: "plan_required",
    });
  });

  it("matches hosts exactly, or a wildcard's subdomains and itself, whatever the case", () => {
    expect(hostMatches("Example.COM", ["example.com"])).toBe(true);
    expect(hostMatches("a.b.example.com", ["*.example.com"])).toBe(true);
    expect(hostMatches("badexample.com", ["*.example.com"])).toBe(false);
    expect(hostMatches("www.example.com", ["example.com"])).toBe(false);
  });
});
