"use client";

import { PencilIcon, PlusIcon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
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
    <Card className="gap-3 px-5">
      {editing ? (
        <form
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-label={t("name")}
            maxLength={100}
            required
            className="h-10 text-lg font-semibold"
            data-testid="project-name-input"
          />
          <Textarea
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-label={t("description")}
            placeholder={t("description")}
            maxLength={2000}
            rows={3}
            data-testid="project-description-input"
          />
          <span className="flex gap-2">
            <Button type="submit" size="sm" data-testid="project-save">
              {t("save")}
            </Button>
            <Button variant="outline" size="sm" onClick={() => setEditing(false)}>
              {t("cancel")}
            </Button>
          </span>
        </form>
      ) : (
        <div className="flex flex-wrap items-start gap-3">
          <div className="mr-auto flex min-w-0 flex-col gap-1">
            <h1 className="text-2xl font-semibold tracking-tight" data-testid="project-title">
              {p.name}
            </h1>
            <p className="whitespace-pre-line text-sm text-muted-foreground" data-testid="project-description">
              {p.description ?? t("noDescription")}
            </p>
          </div>
          <Button
            variant="outline"
            size="sm"
            onClick={() => {
              setName(p.name);
              setDescription(p.description ?? "");
              setEditing(true);
            }}
            data-testid="project-edit"
          >
            <PencilIcon aria-hidden />
            {t("edit")}
          </Button>
          <Button asChild size="sm">
            <Link href={`/create?project=${p.id}`} data-testid="project-new-video">
              <PlusIcon aria-hidden />
              {t("newVideo")}
            </Link>
          </Button>
        </div>
      )}
      {error && (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      <p className="flex flex-wrap items-center gap-3 text-sm text-muted-foreground" data-testid="project-counts">
        <Badge variant="secondary" className={PROJECT_STATUS_STYLE[p.status]}>
          {t(`status.${p.status}`)}
        </Badge>
        {t("counts", {
          videos: p.videoCount,
          running: p.counts.queued + p.counts.pending + p.counts.generating + p.counts.uploading,
          completed: p.counts.completed,
          failed: p.counts.failed,
          credits: p.creditsSpent,
        })}
      </p>
    </Card>
  );
}
