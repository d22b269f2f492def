import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function SiteFooter() {
  const t = await getTranslations("footer");
  return (
    <footer className="border-t">
      <nav
        className="mx-auto flex max-w-6xl flex-wrap gap-5 px-4 py-4 text-sm text-muted-foreground"
        aria-label="Footer"
      >
        <span>© VideoFly</span>
        <Link href="/pricing" className="hover:text-foreground">
          {t("pricing")}
        </Link>
        <Link href="/docs/api" className="hover:text-foreground">
          {t("apiReference")}
        </Link>
      </nav>
    </footer>
  );
}
