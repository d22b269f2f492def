import type { VideoVisibility } from "@videofly/db";
import type { RefusalReason } from "./reasons.ts";

export type AccessAction = "play" | "embed" | "download";

/** Why a door opened: the viewer owns the video, its visibility, or its policy lets others download. */
export type AllowReason = "owner" | "unlisted" | "public" | "download_allowed";

export interface PolicyFacts {
  action: AccessAction;
  /** The viewer is the video's owner. */
  isOwner: boolean;
  visibility: VideoVisibility;
  allowEmbed: boolean;
  allowDownload: boolean;
  embedDomains: string[];
  /** The owner has a subscription that gives access (billing's hasAccess). */
  ownerSubscribed: boolean;
  /** The host of the page asking (Origin, else Referer); null when the request named none. */
  referrerHost: string | null;
  /** The app's own host: its pages may always show an embed. */
  appHost: string;
}

export type PolicyOutcome = { allowed: true; reason: AllowReason } | { allowed: false; reason: RefusalReason };

/** Whether `host` is one of `domains` (`example.com`, or `*.example.com` for it and its subdomains). */
export function hostMatches(host: string, domains: string[]): boolean {
  const h = host.toLowerCase();
  return domains.some((d) => {
    if (!d.startsWith("*.")) return h === d;
    const base = d.slice(2);
    return h === base || h.endsWith(`.${base}`);
  });
}

/**
 * The video's own policy and its owner's plan, before any quota: private videos are the owner's
 * alone; an embed needs the video shared (unlisted or public), allowed, and, when the owner
 * listed domains, a page on one of them (the owner asking through the API need not be on one);
 * others download only what the owner allows, and only an owner with a plan may allow it.
 */
export function policyOutcome(f: PolicyFacts): PolicyOutcome {
  const shared = f.visibility !== "PRIVATE";
  if (!shared && !(f.isOwner && f.action !== "embed")) return { allowed: false, reason: "private" };
  const visible: AllowReason = f.isOwner ? "owner" : f.visibility === "PUBLIC" ? "public" : "unlisted";
  switch (f.action) {
    case "play":
      return { allowed: true, reason: visible };
    case "embed": {
      if (!f.allowEmbed) return { allowed: false, reason: "embed_not_allowed" };
      if (f.embedDomains.length === 0 || f.isOwner) return { allowed: true, reason: visible };
      const host = f.referrerHost;
      const onAllowedPage = host !== null && (host === f.appHost || hostMatches(host, f.embedDomains));
      return onAllowedPage ? { allowed: true, reason: visible } : { allowed: false, reason: "domain_not_allowed" };
    }
    case "download":
      if (f.isOwner) return { allowed: true, reason: "owner" };
      if (!f.allowDownload) return { allowed: false, reason: "download_not_allowed" };
      if (!f.ownerSubscribed) return { allowed: false, reason: "plan_required" };
      return { allowed: true, reason: "download_allowed" };
  }
}

/** What a refused viewer is told. */
export const REFUSAL_MESSAGES: Record<RefusalReason, string> = {
  private: "This video is private.",
  plan_required: "Downloading this video needs a plan: its owner's for anyone else, yours for your own (see /pricing).",
  daily_limit: "The free plan's downloads for today are used up: a plan downloads without a daily limit.",
  download_not_allowed: "The owner does not allow downloads of this video.",
  embed_not_allowed: "The owner does not allow this video to be embedded.",
  domain_not_allowed: "This video may not be embedded on this site.",
  rate_limited: "Too many downloads: try again later.",
};
