"use client";

import { Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Radio } from "@/components/ui/checkbox";
import { ApiError, api, describeError } from "@/lib/api";

interface BulkBarProps {
  ids: string[];
  /** Every selected project is gone. */
  onDone: () => void;
  /** Some may be gone: the list reloads, the selection stays for another try. */
  onChanged: () => void;
}

/** Deletes the selected projects, keeping their videos (out of any project) or deleting them too. */
export function BulkBar({ ids, onDone, onChanged }: BulkBarProps) {
  const t = useTranslations("projects");
  const [videos, setVideos] = useState<"keep" | "delete">("keep");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      for (const id of ids) {
        // One deleted by an earlier try (or another tab) is already what was asked.
        await api(`/api/v1/projects/${id}?videos=${videos}`, { method: "DELETE" }).catch((e) => {
          if (!(e instanceof ApiError && e.status === 404)) throw e;
        });
      }
      setConfirming(false);
      onDone();
    } catch (e) {
      setError(describeError(e, t("deleteFailed")));
      onChanged();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      className="flex flex-wrap items-center gap-3 rounded-xl border border-primary/30 bg-primary/10 p-3 text-sm"
      data-testid="bulk-bar"
    >
      <span className="mr-auto font-medium">{t("selected", { count: ids.length })}</span>
      <label className="flex items-center gap-1">
        <Radio name="videos" checked={videos === "keep"} onChange={() => setVideos("keep")} />
        {t("keepVideos")}
      </label>
      <label className="flex items-center gap-1">
        <Radio name="videos" checked={videos === "delete"} onChange={() => setVideos("delete")} />
        {t("deleteVideos")}
      </label>
      {confirming ? (
        <Button
          variant="destructive"
          size="sm"
          disabled={busy}
          onClick={() => void remove()}
          data-testid="bulk-confirm"
        >
          <Trash2 aria-hidden="true" />
          {t("confirmDelete", { count: ids.length })}
        </Button>
      ) : (
        <Button
          variant="outline"
          size="sm"
          onClick={() => setConfirming(true)}
          className="text-destructive"
          data-testid="bulk-delete"
        >
          <Trash2 aria-hidden />
          {t("deleteSelected")}
        </Button>
      )}
      {error && (
        <p role="alert" className="w-full text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
