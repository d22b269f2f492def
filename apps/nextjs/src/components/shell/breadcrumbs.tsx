"use client";

import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

/** Each section's label in the `nav` messages; a segment not named here is a record (its id). */
const SECTIONS: Record<string, string> = {
  dashboard: "dashboard",
  create: "create",
  videos: "videos",
  batches: "batches",
  projects: "projects",
  uploads: "uploads",
  usage: "usage",
  settings: "settings",
  profile: "profile",
  "api-keys": "apiKeys",
  webhooks: "webhooks",
  billing: "billing",
  credits: "credits",
  admin: "admin",
  new: "new",
};

/** The record a dynamic segment holds, by the section it is in. */
const RECORDS: Record<string, string> = { videos: "video", batches: "batch", projects: "project" };

/** Where a nested page sits ("Batches › Batch"); nothing on a top-level page. */
export function Breadcrumbs() {
  const t = useTranslations("nav");
  const segments = (usePathname() ?? "/").split("/").filter(Boolean);
  // Only the app's own sections nest; each crumb but the last links to a page of one.
  if (segments.length < 2 || !((segments[0] ?? "") in SECTIONS)) return null;
  const crumbs = segments.map((segment, i) => {
    const key = SECTIONS[segment] ?? RECORDS[segments[i - 1] ?? ""] ?? "details";
    const linkable = segment !== "settings";
    return { href: `/${segments.slice(0, i + 1).join("/")}`, label: t(key), linkable };
  });
  return (
    <nav aria-label={t("breadcrumb")} className="min-w-0">
      <ol className="flex min-w-0 items-center gap-1 text-sm text-muted-foreground">
        {crumbs.map((crumb, i) => (
          <li key={crumb.href} className="flex min-w-0 items-center gap-1">
            {i > 0 && <ChevronRight className="size-3.5 shrink-0" aria-hidden />}
            {i === crumbs.length - 1 ? (
              <span aria-current="page" className="truncate font-medium text-foreground">
                {crumb.label}
              </span>
            ) : crumb.linkable ? (
              <Link href={crumb.href} className="truncate hover:text-foreground">
                {crumb.label}
              </Link>
            ) : (
              <span className="truncate">{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
