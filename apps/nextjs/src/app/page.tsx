import { getSessionIdentity } from "@videofly/auth";
import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Gallery } from "@/components/gallery";

export default async function HomePage() {
  // Only whether to offer the heart: the gallery's answers say what the viewer favorited.
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  const t = await getTranslations("home");
  return (
    <div className="flex flex-col gap-10">
      <section className="flex flex-col items-start gap-4 py-8">
        <h1 className="text-4xl font-bold tracking-tight">VideoFly</h1>
        <p className="max-w-xl text-lg text-muted-foreground">{t("tagline")}</p>
        <div className="flex flex-wrap items-center gap-4">
          {/* Signed in, the way on is the dashboard; the gallery stays here for everyone (favorites). */}
          <Link
            href={identity ? "/dashboard" : "/create"}
            className="rounded-md bg-primary px-5 py-2.5 font-medium text-primary-foreground hover:bg-primary/90"
          >
            {identity ? t("dashboardCta") : t("cta")}
          </Link>
          <Link href="/batches/new" className="font-medium text-primary hover:underline">
            {t("batchCta")}
          </Link>
        </div>
      </section>
      <Gallery signedIn={identity !== null} />
    </div>
  );
}
