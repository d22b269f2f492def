"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { useApiData } from "@/hooks/use-api-data";
import { api, describeError } from "@/lib/api";
import type { Project } from "@/lib/projects";

const NEW = "__new__";

interface ProjectPickerProps {
  /** The chosen project's id; null: none. */
  value: string | null;
  onChange: (id: string | null) => void;
}

/** Which project a new video starts in: none, one of the user's (the 100 newest), or a new one named here. */
export function ProjectPicker({ value, onChange }: ProjectPickerProps) {
  const t = useTranslations("projectPicker");
  const { data, reload } = useApiData<{ items: Project[] }>("/api/v1/projects?limit=100", t("loadFailed"));
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const projects = data?.items ?? [];

  async function create() {
    setError(null);
    try {
      const project = await api<Project>("/api/v1/projects", { method: "POST", body: { name } });
      await reload();
      onChange(project.id);
      setCreating(false);
      setName("");
    } catch (e) {
      setError(describeError(e, t("createFailed")));
    }
  }

  return (
    <div className="flex flex-col gap-1.5 text-sm">
      <Label htmlFor={id}>{t("label")}</Label>
      <NativeSelect
        id={id}
        name="project"
        value={creating ? NEW : (value ?? "")}
        onChange={(e) => {
          const next = e.target.value;
          setCreating(next === NEW);
          if (next !== NEW) onChange(next || null);
        }}
        className="w-full sm:w-72"
        data-testid="project-picker"
      >
        <option value="">{t("none")}</option>
        {/* A preselected project not among the newest 100 still shows as chosen. */}
        {value && !projects.some((p) => p.id === value) && <option value={value}>{value}</option>}
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
        <option value={NEW}>{t("new")}</option>
      </NativeSelect>
      {creating && (
        <span className="flex gap-2">
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t("name")}
            aria-label={t("name")}
            maxLength={100}
            className="flex-1"
            data-testid="picker-new-name"
          />
          <Button
            type="button"
            variant="outline"
            disabled={!name.trim()}
            onClick={() => void create()}
            data-testid="picker-create"
          >
            {t("create")}
          </Button>
        </span>
      )}
      {error && (
        <p role="alert" className="text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
