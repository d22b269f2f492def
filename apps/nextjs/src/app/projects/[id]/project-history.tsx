"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { historyOf, type ProjectVideo } from "@/lib/projects";

const DOT = {
  created: "bg-muted-foreground/50",
  started: "bg-warning",
  completed: "bg-success",
  failed: "bg-destructive",
};

/** The processing history of the videos shown: when each was made, started, finished or failed. */
export function ProjectHistory({ videos }: { videos: ProjectVideo[] }) {
  const t = useTranslations("project");
  return (
    <section aria-labelledby="project-history" className="flex flex-col gap-2">
      <h2 id="project-history" className="text-lg font-semibold">
        {t("history")}
      </h2>
      <ol className="flex flex-col gap-1 border-l border-border pl-4 text-sm" data-testid="project-history">
        {historyOf(videos).map((e) => (
          <li key={`${e.uuid}-${e.kind}`} className="relative flex flex-wrap gap-x-2" data-kind={e.kind}>
            <span className={`absolute -left-[1.3rem] top-1.5 h-2 w-2 rounded-full ${DOT[e.kind]}`} />
            <time dateTime={e.at} className="tabular-nums text-muted-foreground">
              {new Date(e.at).toLocaleString()}
            </time>
            <span className="font-medium">{t(`event.${e.kind}`)}</span>
            <Link
              href={`/videos/${e.uuid}`}
              className="min-w-0 truncate text-muted-foreground underline underline-offset-4 hover:text-primary"
            >
              {e.prompt || t("untitled")}
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
