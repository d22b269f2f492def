"use client";

import { FolderOpen, LayoutGrid, List, SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { EmptyState, GRID_CLASSES, GridSkeleton, LoadMore } from "@/components/poster-grid";
import { Button } from "@/components/ui/button";
import { SearchInput } from "@/components/ui/input";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import { useCursorPages } from "@/hooks/use-cursor-pages";
import { useDebouncedSearch, useUrlFilters } from "@/hooks/use-url-filters";
import type { Project } from "@/lib/projects";
import { BulkBar } from "./bulk-bar";
import { NewProjectForm } from "./new-project-form";
import { ProjectCard } from "./project-card";

const PAGE = 24;
const FILTERS = ["all", "active", "idle"] as const;
const DEFAULTS = { status: "all", q: "" };
const ALLOWED = { status: FILTERS };

/** The user's projects, newest first, as a grid or a list; searched and filtered by the URL, loaded as it scrolls. */
export function ProjectList() {
  const t = useTranslations("projects");
  const grid = useTranslations("grid");
  const [layout, setLayout] = useState<"grid" | "list">("grid");
  const { filters, write } = useUrlFilters(DEFAULTS, ALLOWED);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const params = new URLSearchParams({
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.status === "all" ? {} : { status: filters.status }),
  });
  const { items, cursor, error, load } = useCursorPages<Project>(`/api/v1/projects?${params}`, PAGE, t("loadFailed"));

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <NewProjectForm />
      </div>
      <ProjectFilters
        filters={filters}
        write={write}
        layout={layout}
        onLayout={() => setLayout(layout === "grid" ? "list" : "grid")}
      />
      {selected.size > 0 && (
        <BulkBar
          ids={[...selected]}
          onDone={() => {
            setSelected(new Set());
            void load(null);
          }}
          onChanged={() => void load(null)}
        />
      )}
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      {items === null ? (
        !error && <GridSkeleton label={grid("loading")} />
      ) : items.length === 0 ? (
        filters.q || filters.status !== "all" ? (
          <EmptyState
            icon={<SearchX />}
            title={t("noMatch")}
            action={
              <Button variant="outline" onClick={() => write({ q: "", status: "all" })}>
                {t("clearFilters")}
              </Button>
            }
          />
        ) : (
          <EmptyState icon={<FolderOpen />} title={t("emptyTitle")} description={t("empty")} />
        )
      ) : (
        <ul
          className={layout === "grid" ? GRID_CLASSES : "flex flex-col gap-2"}
          data-testid="projects"
          data-layout={layout}
        >
          {items.map((p) => (
            <ProjectCard
              key={p.id}
              project={p}
              layout={layout}
              selected={selected.has(p.id)}
              onToggle={() => toggle(p.id)}
            />
          ))}
        </ul>
      )}
      <LoadMore cursor={cursor} load={load} label={grid("loadMore")} loadingLabel={grid("loadingMore")} />
    </div>
  );
}

/** The search by name, the status as a segmented control, and the grid or list switch. */
function ProjectFilters(props: {
  filters: { status: string; q: string };
  write: (change: Partial<{ status: string; q: string }>) => void;
  layout: "grid" | "list";
  onLayout: () => void;
}) {
  const t = useTranslations("projects");
  const { filters, write, layout, onLayout } = props;
  const writeQ = useCallback((q: string) => write({ q }), [write]);
  const [search, setSearch] = useDebouncedSearch(filters.q, writeQ);
  return (
    <search className="flex flex-wrap items-center gap-3">
      <SearchInput
        wrapperClassName="mr-auto"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder={t("search")}
        aria-label={t("search")}
        maxLength={100}
        data-testid="project-search"
      />
      <ToggleGroup
        type="single"
        value={filters.status}
        onValueChange={(value) => value && write({ status: value })}
        aria-label={t("statusFilter")}
      >
        {FILTERS.map((f) => (
          <ToggleGroupItem key={f} value={f}>
            {t(`filter.${f}`)}
          </ToggleGroupItem>
        ))}
      </ToggleGroup>
      <Button variant="outline" size="sm" onClick={onLayout} data-testid="layout-toggle">
        {layout === "grid" ? <List aria-hidden="true" /> : <LayoutGrid aria-hidden="true" />}
        {layout === "grid" ? t("asList") : t("asGrid")}
      </Button>
    </search>
  );
}
