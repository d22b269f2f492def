"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef } from "react";
import { SearchInput } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import { useDebouncedSearch } from "@/hooks/use-url-filters";
import { MODES, type ModeFilter, STATUSES, type StatusFilter, type VideoFilters } from "./use-video-filters";

/** Status as a segmented control, mode as a select, and a search over the prompts. */
export function VideoFilterBar(props: {
  filters: VideoFilters;
  onChange: (change: Partial<VideoFilters>) => void;
  autoFocusSearch: boolean;
}) {
  const t = useTranslations("videos");
  const { filters, onChange } = props;
  const write = useCallback((q: string) => onChange({ q }), [onChange]);
  const [search, setSearch] = useDebouncedSearch(filters.q, write);
  const searchRef = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    if (props.autoFocusSearch) searchRef.current?.focus();
  }, [props.autoFocusSearch]);

  return (
    <search className="flex flex-wrap items-center gap-3">
      <SearchInput
        ref={searchRef}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder={t("searchPlaceholder")}
        aria-label={t("search")}
        maxLength={100}
      />
      <ToggleGroup
        type="single"
        value={filters.status}
        onValueChange={(value) => value && onChange({ status: value as StatusFilter })}
        aria-label={t("statusFilter")}
      >
        {STATUSES.map((s) => (
          <ToggleGroupItem key={s} value={s}>
            {t(s.toLowerCase() as Lowercase<StatusFilter>)}
          </ToggleGroupItem>
        ))}
      </ToggleGroup>
      <div className="flex items-center gap-2">
        <Label htmlFor="video-mode">{t("modeFilter")}</Label>
        <NativeSelect
          id="video-mode"
          value={filters.mode}
          onChange={(e) => onChange({ mode: e.target.value as ModeFilter })}
        >
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`mode.${m}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
    </search>
  );
}
