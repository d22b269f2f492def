"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useCursorPages } from "@/hooks/use-cursor-pages";
import { useInfiniteScroll } from "@/hooks/use-infinite-scroll";
import type { Project, ProjectStatus } from "@/lib/projects";
import { BulkBar } from "./bulk-bar";
import { NewProjectForm } from "./new-project-form";
import { ProjectCard } from "./project-card";

const PAGE = 24;
const FILTERS = ["all", "active", "idle"] as const;
const SEARCH_DELAY_MS = 300;

/** The user's projects, newest first, as a grid or a list; searched, filtered, loaded as it scrolls. */
export function ProjectList() {
  const t = useTranslations("projects");
  const [layout, setLayout] = useState<"grid" | "list">("grid");
  const [filter, setFilter] = useState<"all" | ProjectStatus>("all");
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const params = new URLSearchParams({ ...(q ? { q } : {}), ...(filter === "all" ? {} : { status: filter }) });
  const { items, cursor, error, load } = useCursorPages<Project>(`/api/v1/projects?${params}`, PAGE, t("loadFailed"));
  const sentinel = useInfiniteScroll(cursor, load);

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-2xl font-semibold">{t("title")}</h1>
        <NewProjectForm />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t("search")}
          aria-label={t("search")}
          maxLength={100}
          className="mr-auto rounded-md border border-input px-3 py-1.5 text-sm"
          data-testid="project-search"
        />
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
            className={`rounded-md border px-3 py-1 text-sm ${filter === f ? "border-primary bg-primary/10" : "border-input"}`}
          >
            {t(`filter.${f}`)}
          </button>
        ))}
        <button
          type="button"
          onClick={() => setLayout(layout === "grid" ? "list" : "grid")}
          className="rounded-md border border-input px-3 py-1 text-sm"
          data-testid="layout-toggle"
        >
          {layout === "grid" ? t("asList") : t("asGrid")}
        </button>
      </div>
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
        !error && <p className="text-muted-foreground">{t("loading")}</p>
      ) : items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-input p-8 text-center text-muted-foreground">
          {q || filter !== "all" ? t("noMatch") : t("empty")}
        </p>
      ) : (
        <ul
          className={layout === "grid" ? "grid gap-4 sm:grid-cols-2 lg:grid-cols-3" : "flex flex-col gap-2"}
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
      <div ref={sentinel} aria-hidden="true" className="h-1" />
    </div>
  );
}
