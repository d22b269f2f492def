"use client";

import { PROMPT_MAX_LENGTH } from "@videofly/common/video-limits";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";

const EXAMPLES = ["plane", "fox", "coffee", "city"] as const;

/** The prompt, with its length against what the API takes, and example prompts that fill it in a click. */
export function PromptField({ value, onChange }: { value: string; onChange: (prompt: string) => void }) {
  const t = useTranslations("promptField");
  const id = useId();
  const countId = useId();
  // The API trims before it counts: so does the counter, and spaces at either end are free.
  const length = value.trim().length;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-baseline justify-between gap-3">
        <Label htmlFor={id}>{t("label")}</Label>
        <span
          id={countId}
          className={cn("text-xs tabular-nums text-muted-foreground", length > PROMPT_MAX_LENGTH && "text-destructive")}
        >
          {t("count", { count: length, max: PROMPT_MAX_LENGTH })}
        </span>
      </div>
      <Textarea
        id={id}
        name="prompt"
        required
        maxLength={PROMPT_MAX_LENGTH}
        rows={4}
        value={value}
        placeholder={t("placeholder")}
        aria-describedby={countId}
        onChange={(e) => onChange(e.target.value)}
      />
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="sr-only">{t("examples")}</legend>
        <span aria-hidden="true" className="text-xs text-muted-foreground">
          {t("examples")}
        </span>
        {EXAMPLES.map((key) => (
          <Button
            key={key}
            type="button"
            variant="outline"
            size="sm"
            className="h-7 rounded-full px-3 text-xs font-normal"
            onClick={() => onChange(t(`example.${key}`))}
          >
            {t(`chip.${key}`)}
          </Button>
        ))}
      </fieldset>
    </div>
  );
}
