"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api, describeError } from "@/lib/api";
import { PROJECT_STATUS_STYLE, type Project } from "@/lib/projects";

/** The project's name and description, each edited in place, with its counts. */
export function ProjectHeader({ project: p, onSaved }: { project: Project; onSaved: () => void }) {
  const t = useTranslations("project");
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(p.name);
  const [description, setDescription] = useState(p.description ?? "");
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setError(null);
    try {
      await api(`/api/v1/projects/${p.id}`, { method: "PATCH", body: { name, description } });
      setEditing(false);
      onSaved();
    } catch (e) {
      setError(describeError(e, t("saveFailed")));
    }
  }

  return (
    <section className="flex flex-col gap-3 rounded-xl border border-border bg-card p-5 shadow-sm">
      {editing ? (
        <form
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-label={t("name")}
            maxLength={100}
            required
            className="rounded-md border border-input px-3 py-1.5 text-lg font-semibold"
            data-testid="project-name-input"
          />
          <textarea
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-label={t("description")}
            placeholder={t("description")}
            maxLength={2000}
            rows={3}
            className="rounded-md border border-input px-3 py-1.5 text-sm"
            data-testid="project-description-input"
          />
          <span className="flex gap-2">
            <button
              type="submit"
              className="rounded-md bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground"
              data-testid="project-save"
            >
              {t("save")}
            </button>
            <button
              type="button"
              onClick={() => setEditing(false)}
              className="rounded-md border border-input px-3 py-1.5 text-sm"
            >
              {t("cancel")}
            </button>
          </span>
        </form>
      ) : (
        <div className="flex flex-wrap items-start gap-3">
          <div className="mr-auto flex min-w-0 flex-col gap-1">
            <h1 className="text-2xl font-semibold" data-testid="project-title">
              {p.name}
            </h1>
            <p className="whitespace-pre-line text-sm text-muted-foreground" data-testid="project-description">
              {p.description ?? t("noDescription")}
            </p>
          </div>
          <button
            type="button"
            onClick={() => {
              setName(p.name);
              setDescription(p.description ?? "");
              setEditing(true);
            }}
            className="rounded-md border border-input px-3 py-1.5 text-sm"
            data-testid="project-edit"
          >
            {t("edit")}
          </button>
          <Link
            href={`/create?project=${p.id}`}
            className="rounded-md bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground hover:bg-primary/90"
            data-testid="project-new-video"
          >
            {t("newVideo")}
          </Link>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <p className="flex flex-wrap items-center gap-3 text-sm text-muted-foreground" data-testid="project-counts">
        <span className={`rounded px-2 py-0.5 text-xs font-medium ${PROJECT_STATUS_STYLE[p.status]}`}>
          {t(`status.${p.status}`)}
        </span>
        {t("counts", {
          videos: p.videoCount,
          running: p.counts.queued + p.counts.pending + p.counts.generating + p.counts.uploading,
          completed: p.counts.completed,
          failed: p.counts.failed,
          credits: p.creditsSpent,
        })}
      </p>
    </section>
  );
}
