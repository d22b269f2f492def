import { getSessionIdentity } from "@videofly/auth";
import { latestPublicVideos, modelCatalogue } from "@videofly/common";
import { ArrowRight, Clapperboard, Layers, PenLine, Share2, SlidersHorizontal } from "lucide-react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Faq } from "@/components/faq";
import { Gallery } from "@/components/gallery";
import { HeroReel } from "@/components/landing/hero-reel";
import { ModelShowcase } from "@/components/landing/model-showcase";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "VideoFly — AI video from a prompt" };

const HERO_VIDEOS = 3;
const FAQ_KEYS = ["what", "credits", "free", "rights", "api", "refund"] as const;
const STEPS = [
  { key: "write", icon: PenLine },
  { key: "pick", icon: SlidersHorizontal },
  { key: "share", icon: Share2 },
] as const;

export default async function HomePage() {
  // Only whether to offer the heart: the gallery's answers say what the viewer favorited.
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  const t = await getTranslations("landing");
  const home = await getTranslations("home");
  // The hero shows the gallery's newest; without them (an empty or unreachable database) it stands alone.
  const latest = await latestPublicVideos({ limit: HERO_VIDEOS }).catch(() => ({ items: [] }));
  const models = modelCatalogue();
  return (
    <div className="flex flex-col gap-16 pb-8">
      <section className="grid items-center gap-10 pt-6 lg:grid-cols-[1.1fr_1fr]" aria-labelledby="hero-heading">
        <div className="flex flex-col items-start gap-5">
          <p className="rounded-full border bg-card px-3 py-1 text-xs font-medium text-muted-foreground">
            {t("eyebrow", { count: models.length })}
          </p>
          <h1 id="hero-heading" className="text-4xl font-bold tracking-tight text-balance sm:text-5xl">
            {t("heroTitle")}
          </h1>
          <p className="max-w-xl text-lg text-muted-foreground">{home("tagline")}</p>
          <div className="flex flex-wrap items-center gap-3">
            <Button asChild size="lg">
              {/* Signed in, the way on is the dashboard; the landing stays open to everyone (the gallery's favorites). */}
              <Link href={identity ? "/dashboard" : "/create"}>
                <Clapperboard aria-hidden="true" />
                {identity ? home("dashboardCta") : home("cta")}
              </Link>
            </Button>
            <Button asChild size="lg" variant="outline">
              <Link href="/batches/new">
                <Layers aria-hidden="true" />
                {home("batchCta")}
              </Link>
            </Button>
          </div>
        </div>
        <HeroReel
          videos={latest.items.map(({ uuid, prompt, posterUrl, videoUrl }) => ({ uuid, prompt, posterUrl, videoUrl }))}
        />
      </section>

      <section aria-labelledby="steps-heading" className="flex flex-col gap-4">
        <h2 id="steps-heading" className="text-2xl font-semibold tracking-tight">
          {t("stepsTitle")}
        </h2>
        <ol className="grid gap-4 md:grid-cols-3">
          {STEPS.map(({ key, icon: Icon }, i) => (
            <li key={key}>
              <Card className="h-full">
                <CardContent className="flex flex-col gap-3">
                  <span className="flex items-center gap-3">
                    <span className="flex size-10 items-center justify-center rounded-full bg-primary/10 text-primary">
                      <Icon className="size-5" aria-hidden="true" />
                    </span>
                    <span className="text-sm font-medium text-muted-foreground">{t("step", { n: i + 1 })}</span>
                  </span>
                  <h3 className="text-lg font-semibold">{t(`steps.${key}.title`)}</h3>
                  <p className="text-sm text-muted-foreground">{t(`steps.${key}.body`)}</p>
                </CardContent>
              </Card>
            </li>
          ))}
        </ol>
      </section>

      <ModelShowcase models={models} />

      <Gallery signedIn={identity !== null} />

      <Faq heading={t("faqTitle")} items={FAQ_KEYS.map((k) => ({ q: t(`faq.${k}.q`), a: t(`faq.${k}.a`) }))} />

      <section
        aria-labelledby="cta-heading"
        className="flex flex-col items-center gap-4 rounded-2xl border bg-primary/5 px-6 py-12 text-center"
      >
        <h2 id="cta-heading" className="text-3xl font-semibold tracking-tight text-balance">
          {t("ctaTitle")}
        </h2>
        <p className="max-w-lg text-muted-foreground">{t("ctaBody")}</p>
        <div className="flex flex-wrap justify-center gap-3">
          <Button asChild size="lg">
            <Link href={identity ? "/create" : "/sign-up"}>
              {identity ? home("cta") : t("ctaSignUp")}
              <ArrowRight aria-hidden="true" />
            </Link>
          </Button>
          <Button asChild size="lg" variant="ghost">
            <Link href="/pricing">{t("ctaPricing")}</Link>
          </Button>
        </div>
      </section>
    </div>
  );
}
