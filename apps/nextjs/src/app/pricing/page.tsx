import { modelCatalogue, productCatalogue } from "@videofly/common";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Faq } from "@/components/faq";
import { CreditsCalculator, type PricedModel } from "./credits-calculator";
import { PricingPlans } from "./pricing-plans";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Pricing — VideoFly" };

const FAQ_KEYS = ["expire", "rollover", "cancel", "refund", "pack", "failed"] as const;

export default async function PricingPage() {
  const t = await getTranslations("pricing");
  const catalogue = productCatalogue();
  // The calculator prices with the list the server charges by (priceOf, through the catalogue).
  const models: PricedModel[] = modelCatalogue().map((m) => ({
    id: m.id,
    name: m.name,
    modes: m.modes,
    qualities: m.qualities,
    prices: m.prices,
  }));
  return (
    <div className="flex flex-col gap-12 pb-8">
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold tracking-tight">{t("title")}</h1>
        <p className="max-w-2xl text-muted-foreground">{t("lead")}</p>
      </div>
      <PricingPlans catalogue={catalogue} />
      <CreditsCalculator models={models} products={catalogue.products} />
      <Faq heading={t("faqTitle")} items={FAQ_KEYS.map((k) => ({ q: t(`faq.${k}.q`), a: t(`faq.${k}.a`) }))} />
    </div>
  );
}
