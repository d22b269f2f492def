"use client";

import { Menu, PanelLeftClose, PanelLeftOpen } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { cn } from "@/lib/utils";
import { BalanceBadge } from "./balance-badge";
import { Breadcrumbs } from "./breadcrumbs";
import { Logo } from "./logo";
import { SIDEBAR_COOKIE } from "./preferences";
import { Shortcuts } from "./shortcuts";
import { SidebarNav } from "./sidebar-nav";

/**
 * The signed-in frame: a sidebar (collapsible to icons; a sheet below `md`), a top bar with the
 * breadcrumbs and the balance, and the page. `account` is the sidebar's foot (language, theme,
 * sign-out), rendered by the server layout.
 */
export function AppShell(props: {
  admin: boolean;
  collapsed: boolean;
  account: ReactNode;
  banner: ReactNode;
  footer: ReactNode;
  children: ReactNode;
}) {
  const t = useTranslations("shell");
  const [collapsed, setCollapsed] = useState(props.collapsed);
  const [open, setOpen] = useState(false);
  function toggle() {
    setCollapsed(!collapsed);
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser yet
    document.cookie = `${SIDEBAR_COOKIE}=${collapsed ? "open" : "collapsed"}; path=/; max-age=31536000; samesite=lax`;
  }
  return (
    <div className="flex min-h-screen">
      <Shortcuts />
      <aside
        className={cn(
          "sticky top-0 hidden h-screen shrink-0 flex-col gap-6 overflow-y-auto border-r bg-card px-3 py-4 md:flex",
          collapsed ? "w-16" : "w-60",
        )}
      >
        <div className={cn("flex items-center justify-between gap-2", collapsed && "flex-col")}>
          <Logo href="/dashboard" compact={collapsed} className="px-2" />
          <Button
            variant="ghost"
            size="icon"
            onClick={toggle}
            aria-label={collapsed ? t("expand") : t("collapse")}
            aria-expanded={!collapsed}
          >
            {collapsed ? <PanelLeftOpen aria-hidden /> : <PanelLeftClose aria-hidden />}
          </Button>
        </div>
        <SidebarNav admin={props.admin} collapsed={collapsed} />
        {!collapsed && <div className="mt-auto">{props.account}</div>}
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-40 flex h-14 items-center gap-3 border-b bg-background/90 px-4 backdrop-blur">
          <Sheet open={open} onOpenChange={setOpen}>
            <SheetTrigger asChild>
              <Button variant="ghost" size="icon" className="md:hidden" aria-label={t("openMenu")}>
                <Menu aria-hidden />
              </Button>
            </SheetTrigger>
            <SheetContent closeLabel={t("closeMenu")} className="overflow-y-auto px-3 py-4">
              <SheetTitle className="sr-only">{t("menu")}</SheetTitle>
              <SheetDescription className="sr-only">{t("menuDescription")}</SheetDescription>
              <Logo href="/dashboard" className="px-2" />
              <SidebarNav admin={props.admin} onNavigate={() => setOpen(false)} />
              <div className="mt-auto">{props.account}</div>
            </SheetContent>
          </Sheet>
          <Breadcrumbs />
          <div className="ml-auto">
            <BalanceBadge />
          </div>
        </header>
        {props.banner}
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
          {props.children}
        </main>
        {props.footer}
      </div>
    </div>
  );
}
