"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import type { Mode, ModelChoice, VideoModel } from "@/lib/models";

const MODE_LABEL = { TEXT_TO_VIDEO: "textToVideo", IMAGE_TO_VIDEO: "imageToVideo", LIPSYNC: "lipsync" } as const;

/**
 * A few choices as a segmented control (a radio group: arrow keys move, the choice follows);
 * choosing the chosen one again keeps it, as a radio does.
 */
export function Segmented<T extends string>(props: {
  label: string;
  value: T;
  options: readonly T[];
  text?: (option: T) => string;
  enabled?: (option: T) => boolean;
  onChange: (option: T) => void;
}) {
  const labelId = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <span id={labelId} className="text-sm font-medium">
        {props.label}
      </span>
      <ToggleGroup
        type="single"
        aria-labelledby={labelId}
        value={props.value}
        onValueChange={(v) => v && props.onChange(v as T)}
      >
        {props.options.map((o) => (
          <ToggleGroupItem key={o} value={o} disabled={props.enabled ? !props.enabled(o) : false}>
            {props.text ? props.text(o) : o}
          </ToggleGroupItem>
        ))}
      </ToggleGroup>
    </div>
  );
}

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
    <Segmented
      label={t("mode")}
      value={mode}
      options={shown}
      text={(m) => t(MODE_LABEL[m])}
      enabled={(m) => offered.includes(m)}
      onChange={onChange}
    />
  );
}

/**
 * Model (a list: there are many), then duration, aspect ratio and quality as segmented controls,
 * each limited to what the chosen model offers.
 */
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
  const modelId = useId();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={modelId}>{t("model")}</Label>
        <NativeSelect
          id={modelId}
          name="model"
          value={choice.model}
          onChange={(e) => onChange({ model: e.target.value })}
          className="w-full sm:w-72"
        >
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-4">
        <Segmented
          label={t("duration")}
          value={String(choice.duration)}
          options={(model?.durations ?? []).map(String)}
          text={(d) => t("seconds", { seconds: Number(d) })}
          onChange={(d) => onChange({ duration: Number(d) })}
        />
        <Segmented
          label={t("aspectRatio")}
          value={choice.aspectRatio}
          options={model?.aspectRatios ?? []}
          onChange={(aspectRatio) => onChange({ aspectRatio })}
        />
        <Segmented
          label={t("quality")}
          value={choice.quality}
          options={model?.qualities ?? []}
          onChange={(quality) => onChange({ quality })}
        />
      </div>
    </div>
  );
}
