"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { IMAGE_TYPES, imageProblem } from "@/lib/upload";

/** The image of an image-to-video generation: picked locally, previewed, checked before upload. */
export function ImageField({ image, onChange }: { image: File | null; onChange: (image: File | null) => void }) {
  const t = useTranslations("imageField");
  const problem = imageProblem(image);
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5 text-sm">
      <Label htmlFor={id}>{t("image")}</Label>
      <Input
        id={id}
        type="file"
        accept={IMAGE_TYPES.join(",")}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
      {image && !problem && (
        // biome-ignore lint/performance/noImgElement: a local blob preview; next/image cannot optimise it
        <img
          src={URL.createObjectURL(image)}
          alt="Preview of the chosen"
          className="mt-2 max-h-40 rounded-md object-contain"
        />
      )}
      {problem && <span className="text-destructive">{t(problem)}</span>}
    </div>
  );
}
