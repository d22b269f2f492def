import Link from "next/link";
import { getTranslations } from "next-intl/server";

const TABS = [
  { href: "/admin", key: "overview" },
  { href: "/admin/api-keys", key: "apiKeys" },
  { href: "/admin/batches", key: "batches" },
] as const;

/** The admin area's sections; `current` is the one on screen. */
export async function AdminTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  const t = await getTranslations("adminKeys.tabs");
  return (
    <nav aria-label={t("label")} className="flex gap-1 border-b border-border text-sm">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 ${tab.href === current ? "border-primary font-medium text-primary" : "border-transparent text-muted-foreground hover:text-foreground"} rounded-t-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50`}
        >
          {t(tab.key)}
        </Link>
      ))}
    </nav>
  );
}
