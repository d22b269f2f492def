"use client";

import type { modelCatalogue, Product } from "@videofly/common";
import { Calculator } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, useId, useMemo, useState } from "react";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

type CatalogueModel = ReturnType<typeof modelCatalogue>[number];
export type PricedModel = Pick<CatalogueModel, "id" | "name" | "modes" | "qualities" | "prices">;
type Mode = CatalogueModel["modes"][number];

interface Choice {
  model: string;
  mode: Mode;
  quality: string;
  duration: number;
}

const unique = <T,>(values: T[]) => [...new Set(values)];

/** The first combination the model prices, keeping what the previous choice had where it can. */
function settle(model: PricedModel, want: Partial<Choice>): Choice {
  const mode = want.mode && model.modes.includes(want.mode) ? want.mode : (model.modes[0] ?? "TEXT_TO_VIDEO");
  const quality = want.quality && model.qualities.includes(want.quality) ? want.quality : model.qualities[0];
  const durations = model.prices.filter((p) => p.mode === mode && p.quality === quality).map((p) => p.duration);
  const duration = want.duration && durations.includes(want.duration) ? want.duration : durations[0];
  return { model: model.id, mode, quality: quality ?? "", duration: duration ?? 0 };
}

/** How many videos of a chosen model, mode, quality and length each plan and pack buys. */
export function CreditsCalculator({ models, products }: { models: PricedModel[]; products: Product[] }) {
  const t = useTranslations("pricing");
  const id = useId();
  const [choice, setChoice] = useState<Choice | null>(() => (models[0] ? settle(models[0], {}) : null));
  const model = models.find((m) => m.id === choice?.model);
  const price = useMemo(
    () =>
      choice &&
      model?.prices.find(
        (p) => p.mode === choice.mode && p.quality === choice.quality && p.duration === choice.duration,
      ),
    [choice, model],
  );
  if (!choice || !model) return null;

  const change = (want: Partial<Choice>) => {
    const next = models.find((m) => m.id === (want.model ?? choice.model));
    if (next) setChoice(settle(next, { ...choice, ...want }));
  };
  const durations = unique(
    model.prices.filter((p) => p.mode === choice.mode && p.quality === choice.quality).map((p) => p.duration),
  );
  const audio = price?.basis === "audio_seconds";
  const offers = unique(products.map((p) => p.credits))
    .sort((a, b) => a - b)
    .map((credits) => ({ credits, names: products.filter((p) => p.credits === credits).map((p) => p.name) }));
  // The headline speaks of the entry plan (a month's credits), else the biggest offer.
  const entry =
    products.find((p) => p.kind === "subscription" && p.interval === "month")?.credits ?? offers.at(-1)?.credits;
  const videosFor = (credits: number) => (price ? Math.floor(credits / price.credits) : 0);
  const what = { model: model.name, duration: choice.duration, audio: audio ? "yes" : "no" };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <Card>
        <CardHeader>
          <h2 id={`${id}-heading`} className="flex items-center gap-2 text-2xl font-semibold tracking-tight">
            <Calculator className="size-5 text-primary" aria-hidden="true" />
            {t("calculatorTitle")}
          </h2>
          <CardDescription>{t("calculatorLead")}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          <CalculatorFields
            id={id}
            models={models}
            model={model}
            choice={choice}
            durations={durations}
            audio={audio}
            onChange={change}
          />
          {price && (
            <div className="flex flex-col gap-4" aria-live="polite">
              <p className="text-lg">
                {t("costOne", { credits: price.credits, ...what })}
                {entry !== undefined && (
                  <>
                    {" "}
                    <strong className="font-semibold" data-testid="calculator-headline">
                      {t("headline", { credits: entry, count: videosFor(entry), ...what })}
                    </strong>
                  </>
                )}
              </p>
              <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("calcPerOffer")}>
                {offers.map((o) => (
                  <li key={o.credits} className="flex flex-col gap-1 rounded-lg border bg-muted/40 p-3">
                    <span className="text-sm text-muted-foreground">{o.names.join(" · ")}</span>
                    <span className="text-2xl font-semibold tabular-nums">
                      {t("videos", { count: videosFor(o.credits) })}
                    </span>
                    <span className="text-xs text-muted-foreground">{t("creditsOnly", { credits: o.credits })}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </CardContent>
      </Card>
    </section>
  );
}

/** The four choices, each a labelled select of what the chosen model offers. */
function CalculatorFields(props: {
  id: string;
  models: PricedModel[];
  model: PricedModel;
  choice: Choice;
  durations: number[];
  audio: boolean;
  onChange: (want: Partial<Choice>) => void;
}) {
  const t = useTranslations("pricing");
  const { id, models, model, choice, durations, audio, onChange: change } = props;
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <Field id={`${id}-model`} label={t("calcModel")}>
        <NativeSelect id={`${id}-model`} value={choice.model} onChange={(e) => change({ model: e.target.value })}>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id={`${id}-mode`} label={t("calcMode")}>
        <NativeSelect id={`${id}-mode`} value={choice.mode} onChange={(e) => change({ mode: e.target.value as Mode })}>
          {model.modes.map((m) => (
            <option key={m} value={m}>
              {t(`mode.${m}`)}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id={`${id}-quality`} label={t("calcQuality")}>
        <NativeSelect id={`${id}-quality`} value={choice.quality} onChange={(e) => change({ quality: e.target.value })}>
          {model.qualities.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id={`${id}-duration`} label={audio ? t("calcAudio") : t("calcDuration")}>
        <NativeSelect
          id={`${id}-duration`}
          value={choice.duration}
          onChange={(e) => change({ duration: Number(e.target.value) })}
        >
          {durations.map((d) => (
            <option key={d} value={d}>
              {t("seconds", { seconds: d })}
            </option>
          ))}
        </NativeSelect>
      </Field>
    </div>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}
