"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api, describeError } from "@/lib/api";
import type { Project } from "@/lib/projects";

/** A name, then the new project's page. */
export function NewProjectForm() {
  const t = useTranslations("projects");
  const router = useRouter();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create() {
    setBusy(true);
    setError(null);
    try {
      const project = await api<Project>("/api/v1/projects", { method: "POST", body: { name } });
      router.push(`/projects/${project.id}`);
    } catch (e) {
      setError(describeError(e, t("createFailed")));
      setBusy(false);
    }
  }

  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <input
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder={t("newName")}
        aria-label={t("newName")}
        maxLength={100}
        required
        className="rounded-md border border-input px-3 py-1.5 text-sm"
        data-testid="new-project-name"
      />
      <button
        type="submit"
        disabled={busy || !name.trim()}
        className="rounded-md bg-primary px-4 py-1.5 text-sm font-medium text-primary-foreground hover:bg-primary/90 disabled:opacity-60"
        data-testid="new-project"
      >
        {t("new")}
      </button>
      {error && (
        <p role="alert" className="w-full text-sm text-destructive">
          {error}
        </p>
      )}
    </form>
  );
}
