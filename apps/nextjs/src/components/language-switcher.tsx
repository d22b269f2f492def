"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { LOCALE_COOKIE, LOCALES } from "@/i18n/locales";

const NAMES: Record<(typeof LOCALES)[number], string> = { en: "English", zh: "中文" };

export function LanguageSwitcher() {
  const locale = useLocale();
  const t = useTranslations("nav");
  const router = useRouter();
  const id = useId();
  return (
    <>
      <Label htmlFor={id} className="sr-only">
        {t("language")}
      </Label>
      <NativeSelect
        id={id}
        aria-label={t("language")}
        value={locale}
        className="h-8 text-foreground"
        onChange={(e) => {
          // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser yet
          document.cookie = `${LOCALE_COOKIE}=${e.target.value}; path=/; max-age=31536000; samesite=lax`;
          router.refresh();
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {NAMES[l]}
          </option>
        ))}
      </NativeSelect>
    </>
  );
}
