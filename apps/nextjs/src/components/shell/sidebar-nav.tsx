"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";
import { ADMIN_NAV, isCurrent, MAIN_NAV, type NavItem, SETTINGS_NAV } from "./nav-items";

/** The sidebar's links; collapsed, only their icons show (the names stay for screen readers). */
export function SidebarNav({
  admin,
  collapsed = false,
  onNavigate,
}: {
  admin: boolean;
  collapsed?: boolean;
  onNavigate?: () => void;
}) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const link = (item: NavItem) => {
    const current = isCurrent(item.href, pathname);
    const Icon = item.icon;
    return (
      <li key={item.href}>
        <Link
          href={item.href}
          onClick={onNavigate}
          aria-current={current ? "page" : undefined}
          title={collapsed ? t(item.key) : undefined}
          className={cn(
            "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-muted hover:text-foreground",
            current && "bg-primary/10 text-primary hover:bg-primary/15 hover:text-primary",
            collapsed && "justify-center px-2",
          )}
        >
          <Icon className="size-4 shrink-0" aria-hidden />
          <span className={cn(collapsed && "sr-only")}>{t(item.key)}</span>
        </Link>
      </li>
    );
  };
  return (
    <nav aria-label="Main" className="flex flex-col gap-4">
      <ul className="flex flex-col gap-0.5">{MAIN_NAV.map(link)}</ul>
      <div className="flex flex-col gap-1">
        <p
          className={cn(
            "px-3 text-xs font-semibold uppercase tracking-wide text-muted-foreground",
            collapsed && "sr-only",
          )}
        >
          {t("settings")}
        </p>
        <ul className="flex flex-col gap-0.5">
          {SETTINGS_NAV.map(link)}
          {admin && link(ADMIN_NAV)}
        </ul>
      </div>
    </nav>
  );
}
