import type { modelCatalogue } from "@videofly/common";
import { Film, ImagePlay, Mic } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";

type CatalogueModel = ReturnType<typeof modelCatalogue>[number];

const MODE_ICON = { TEXT_TO_VIDEO: Film, IMAGE_TO_VIDEO: ImagePlay, LIPSYNC: Mic } as const;

/** The cheapest rate a model offers, in credits a second (of video, or of audio for a lip-sync), and its cheapest video. */
export function cheapestRate(model: CatalogueModel) {
  const perSecond = Math.min(...model.prices.map((p) => p.credits / p.duration));
  const cheapest = model.prices.reduce((a, b) => (b.credits < a.credits ? b : a));
  return { perSecond, cheapest };
}

/** Every enabled model: its modes, and what it costs, from the price list the server charges by. */
export async function ModelShowcase({ models }: { models: CatalogueModel[] }) {
  const t = await getTranslations("landing");
  return (
    <section aria-labelledby="models-heading" className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h2 id="models-heading" className="text-2xl font-semibold tracking-tight">
          {t("modelsTitle")}
        </h2>
        <p className="text-muted-foreground">{t("modelsLead")}</p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {models.map((m) => {
          const { perSecond, cheapest } = cheapestRate(m);
          const audio = cheapest.basis === "audio_seconds";
          return (
            <li key={m.id}>
              <Card className="h-full">
                <CardHeader>
                  <h3 className="text-lg font-semibold leading-none">{m.name}</h3>
                  <CardDescription>
                    {audio
                      ? t("modelAudioLengths")
                      : t("modelDurations", { durations: m.durations.join(" / "), qualities: m.qualities.join(", ") })}
                  </CardDescription>
                </CardHeader>
                <CardContent className="flex flex-col gap-3">
                  <div className="flex flex-wrap gap-1.5">
                    {m.modes.map((mode) => {
                      const Icon = MODE_ICON[mode];
                      return (
                        <Badge key={mode} variant="secondary">
                          <Icon aria-hidden="true" />
                          {t(`mode.${mode}`)}
                        </Badge>
                      );
                    })}
                  </div>
                  <p className="text-sm">
                    <span className="text-2xl font-semibold tabular-nums">
                      {t("perSecond", { credits: Math.round(perSecond * 100) / 100, audio: audio ? "yes" : "no" })}
                    </span>
                  </p>
                  <p className="text-sm text-muted-foreground">
                    {t("cheapest", {
                      credits: cheapest.credits,
                      duration: cheapest.duration,
                      audio: audio ? "yes" : "no",
                    })}
                  </p>
                </CardContent>
              </Card>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
