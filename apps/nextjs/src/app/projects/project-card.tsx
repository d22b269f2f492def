"use client";

import { Folder } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";
import type { Project } from "@/lib/projects";
import { cn } from "@/lib/utils";

interface ProjectCardProps {
  project: Project;
  layout: "grid" | "list";
  selected: boolean;
  onToggle: () => void;
}

/** One project in the grid or the list: its name, status and counts, with a box to select it. */
export function ProjectCard({ project: p, layout, selected, onToggle }: ProjectCardProps) {
  const t = useTranslations("projects");
  const grid = layout === "grid";
  return (
    <li
      className={cn(
        "flex gap-3 rounded-xl border bg-card p-3 text-card-foreground shadow-xs transition-shadow hover:shadow-md focus-within:ring-2 focus-within:ring-ring/50",
        selected && "border-primary/70",
        grid ? "flex-col" : "items-center",
      )}
      data-testid="project-card"
      data-project-id={p.id}
    >
      {grid && (
        <div
          aria-hidden="true"
          className="flex aspect-video items-center justify-center rounded-md bg-linear-to-br from-primary/15 via-accent/10 to-secondary/15 text-primary"
        >
          <Folder className="size-10" />
        </div>
      )}
      <label className="flex items-center gap-2 text-xs text-muted-foreground">
        <Checkbox checked={selected} onChange={onToggle} aria-label={t("select", { name: p.name })} />
        <Badge variant={p.status === "active" ? "warning" : "secondary"}>{t(`status.${p.status}`)}</Badge>
      </label>
      <Link href={`/projects/${p.id}`} className="flex min-w-0 flex-1 flex-col gap-1 rounded-md hover:text-primary">
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
