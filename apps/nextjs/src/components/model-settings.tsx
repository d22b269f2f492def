"use client";

import { useTranslations } from "next-intl";
import type { Mode, ModelChoice, VideoModel } from "@/lib/models";

const select = "rounded-md border border-input bg-card px-3 py-2";

const MODE_LABEL = { TEXT_TO_VIDEO: "textToVideo", IMAGE_TO_VIDEO: "imageToVideo", LIPSYNC: "lipsync" } as const;

/**
 * Text-to-video or image-to-video, as far as the chosen model offers each; lip-sync too where
 * `offered` has it (its models are others, so the page says whether there is one).
 */
export function ModeSwitch({
  mode,
  offered,
  onChange,
}: {
  mode: Mode;
  offered: Mode[];
  onChange: (mode: Mode) => void;
}) {
  const t = useTranslations("modelSettings");
  const shown: Mode[] = [
    "TEXT_TO_VIDEO",
    "IMAGE_TO_VIDEO",
    ...(offered.includes("LIPSYNC") ? ["LIPSYNC" as const] : []),
  ];
  return (
    <fieldset className="flex flex-wrap gap-2" aria-label={t("mode")}>
      {shown.map((m) => (
        <label
          key={m}
          className={`cursor-pointer rounded-md border px-3 py-1.5 text-sm ${mode === m ? "border-primary bg-primary/10" : "border-input"}`}
        >
          <input
            type="radio"
            name="mode"
            className="sr-only"
            checked={mode === m}
            disabled={!offered.includes(m)}
            onChange={() => onChange(m)}
          />
          {t(MODE_LABEL[m])}
        </label>
      ))}
    </fieldset>
  );
}

/** Model, duration, aspect ratio and quality, each limited to what the chosen model offers. */
export function ModelSelects({
  models,
  model,
  choice,
  onChange,
}: {
  models: VideoModel[];
  model: VideoModel | undefined;
  choice: ModelChoice;
  onChange: (change: Partial<ModelChoice>) => void;
}) {
  const t = useTranslations("modelSettings");
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <label className="flex flex-col gap-1 text-sm">
        {t("model")}
        <select
          name="model"
          value={choice.model}
          onChange={(e) => onChange({ model: e.target.value })}
          className={select}
        >
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        {t("duration")}
        <select
          name="duration"
          value={choice.duration}
          onChange={(e) => onChange({ duration: Number(e.target.value) })}
          className={select}
        >
          {model?.durations.map((d) => (
            <option key={d} value={d}>
              {t("seconds", { seconds: d })}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        {t("aspectRatio")}
        <select
          name="aspectRatio"
          value={choice.aspectRatio}
          onChange={(e) => onChange({ aspectRatio: e.target.value })}
          className={select}
        >
          {model?.aspectRatios.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        {t("quality")}
        <select
          name="quality"
          value={choice.quality}
          onChange={(e) => onChange({ quality: e.target.value })}
          className={select}
        >
          {model?.qualities.map((q) => (
            <option key={q}>{q}</option>
          ))}
        </select>
      </label>
    </div>
  );
}
