"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { PROJECT_STATUS_STYLE, type Project } from "@/lib/projects";

interface ProjectCardProps {
  project: Project;
  layout: "grid" | "list";
  selected: boolean;
  onToggle: () => void;
}

/** One project in the grid or the list: its name, status and counts, with a box to select it. */
export function ProjectCard({ project: p, layout, selected, onToggle }: ProjectCardProps) {
  const t = useTranslations("projects");
  return (
    <li
      className={`flex gap-3 rounded-xl border bg-card p-4 shadow-sm ${selected ? "border-primary/70" : "border-border"} ${layout === "grid" ? "flex-col" : "items-center"}`}
      data-testid="project-card"
      data-project-id={p.id}
    >
      <label className="flex items-center gap-2 text-xs text-muted-foreground">
        <input type="checkbox" checked={selected} onChange={onToggle} aria-label={t("select", { name: p.name })} />
        <span className={`rounded px-2 py-0.5 font-medium ${PROJECT_STATUS_STYLE[p.status]}`}>
          {t(`status.${p.status}`)}
        </span>
      </label>
      <Link href={`/projects/${p.id}`} className="flex min-w-0 flex-1 flex-col gap-1 hover:text-primary">
        <span className="truncate font-medium" data-testid="project-name">
          {p.name}
        </span>
        {p.description && <span className="line-clamp-2 text-sm text-muted-foreground">{p.description}</span>}
        <span className="text-xs text-muted-foreground">
          {t("summary", {
            videos: p.videoCount,
            completed: p.counts.completed,
            failed: p.counts.failed,
            credits: p.creditsSpent,
          })}
        </span>
      </Link>
    </li>
  );
}
