"use client";

import { FolderPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
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
      <Input
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder={t("newName")}
        aria-label={t("newName")}
        maxLength={100}
        required
        className="w-56"
        data-testid="new-project-name"
      />
      <Button type="submit" disabled={busy || !name.trim()} data-testid="new-project">
        <FolderPlus aria-hidden="true" />
        {t("new")}
      </Button>
      {error && (
        <p role="alert" className="w-full text-sm text-destructive">
          {error}
        </p>
      )}
    </form>
  );
}
