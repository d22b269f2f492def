import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/language-switcher";
import { Button } from "@/components/ui/button";
import { Logo } from "./logo";
import type { Theme } from "./preferences";
import { ThemeSwitch } from "./theme-switch";

/** The signed-out visitor's header: the product, pricing, the API, and the way in. */
export async function SiteHeader({ theme }: { theme: Theme }) {
  const t = await getTranslations("nav");
  return (
    <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur">
      <nav
        className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3 text-sm"
        aria-label="Main"
      >
        <Logo href="/" />
        <Link href="/create" className="text-muted-foreground hover:text-foreground">
          {t("create")}
        </Link>
        <Link href="/pricing" className="text-muted-foreground hover:text-foreground">
          {t("pricing")}
        </Link>
        <Link href="/docs/api" className="hidden text-muted-foreground hover:text-foreground sm:inline">
          {t("api")}
        </Link>
        <span className="ml-auto flex flex-wrap items-center gap-2">
          <LanguageSwitcher />
          <ThemeSwitch initial={theme} />
          <Button asChild variant="ghost" size="sm">
            <Link href="/sign-in">{t("signIn")}</Link>
          </Button>
          <Button asChild size="sm">
            <Link href="/sign-up">{t("signUp")}</Link>
          </Button>
        </span>
      </nav>
    </header>
  );
}
