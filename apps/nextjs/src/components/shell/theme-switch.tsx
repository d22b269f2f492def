"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import { THEME_COOKIE, THEMES, type Theme } from "./preferences";

const ICONS = { light: Sun, dark: Moon, system: Monitor } as const;

/**
 * Light, dark, or as the system prefers. The choice is a cookie the layout reads (so the server
 * renders <html> with it) and is applied here at once, without a reload.
 */
export function ThemeSwitch({ initial }: { initial: Theme }) {
  const t = useTranslations("shell");
  const [theme, setTheme] = useState<Theme>(initial);
  function choose(value: string) {
    if (!(THEMES as readonly string[]).includes(value)) return;
    const next = value as Theme;
    setTheme(next);
    const root = document.documentElement;
    root.classList.remove("light", "dark");
    if (next !== "system") root.classList.add(next);
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser yet
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
  }
  return (
    <ToggleGroup type="single" value={theme} onValueChange={choose} aria-label={t("theme")}>
      {THEMES.map((value) => {
        const Icon = ICONS[value];
        return (
          <ToggleGroupItem
            key={value}
            value={value}
            aria-label={t(`themes.${value}`)}
            title={t(`themes.${value}`)}
            className="px-2"
          >
            <Icon aria-hidden />
          </ToggleGroupItem>
        );
      })}
    </ToggleGroup>
  );
}
