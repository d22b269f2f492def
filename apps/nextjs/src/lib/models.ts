"use client";

import type { components } from "@videofly/sdk";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, api } from "@/lib/api";
import { announceBalance } from "@/lib/balance-signal";

export type VideoModel = components["schemas"]["VideoModel"];
export type Mode = components["schemas"]["GenerationMode"];

/** The model settings a generation (one video or a batch) is made with. */
export interface ModelChoice {
  model: string;
  mode: Mode;
  duration: number;
  aspectRatio: string;
  quality: string;
}

const firstOf = (m: VideoModel, mode: Mode): ModelChoice => ({
  model: m.id,
  mode: m.modes.includes(mode) ? mode : (m.modes[0] ?? "TEXT_TO_VIDEO"),
  duration: m.durations[0] ?? 0,
  aspectRatio: m.aspectRatios[0] ?? "",
  quality: m.qualities[0] ?? "",
});

/**
 * The model catalogue and the settings chosen from it, kept consistent (switching models keeps
 * what the new one also offers), with the credits one video of those settings costs; and the
 * lip-sync models, which their own form prices.
 */
export function useModelChoice() {
  const [models, setModels] = useState<VideoModel[]>([]);
  const [lipsyncModels, setLipsyncModels] = useState<VideoModel[]>([]);
  const [choice, setChoice] = useState<ModelChoice | null>(null);

  useEffect(() => {
    void api<VideoModel[]>("/api/v1/config/models").then((all) => {
      // Lip-sync has its own form (uploads, no prompt or duration): its models are kept apart.
      const list = all.filter((m) => m.modes.some((mode) => mode !== "LIPSYNC"));
      setModels(list);
      setLipsyncModels(all.filter((m) => m.modes.includes("LIPSYNC")));
      if (list[0]) setChoice(firstOf(list[0], "TEXT_TO_VIDEO"));
    });
  }, []);

  const model = models.find((m) => m.id === choice?.model);
  const cost = useMemo(
    () =>
      (choice &&
        model?.prices.find(
          (p) => p.mode === choice.mode && p.quality === choice.quality && p.duration === choice.duration,
        )?.credits) ??
      null,
    [model, choice],
  );

  function update(change: Partial<ModelChoice>) {
    setChoice((current) => {
      if (!current) return current;
      const next = { ...current, ...change };
      const m = models.find((x) => x.id === next.model);
      if (!m || next.model === current.model) return next;
      const fallback = firstOf(m, next.mode);
      return {
        model: m.id,
        mode: fallback.mode,
        duration: m.durations.includes(next.duration) ? next.duration : fallback.duration,
        aspectRatio: m.aspectRatios.includes(next.aspectRatio) ? next.aspectRatio : fallback.aspectRatio,
        quality: m.qualities.includes(next.quality) ? next.quality : fallback.quality,
      };
    });
  }

  return { models, lipsyncModels, model, choice, update, cost };
}

/**
 * The signed-in user's spendable credits (null while loading); `signedOut` when there is no
 * session; `reload` after something spent some.
 */
export function useAvailableCredits() {
  const [available, setAvailable] = useState<number | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  // Only the latest request's answer counts: the first load may answer after a reload that followed a spend.
  const latest = useRef(0);
  const reload = useCallback(() => {
    const request = ++latest.current;
    api<components["schemas"]["Balance"]>("/api/v1/credit/balance")
      .then((b) => {
        if (request !== latest.current) return;
        setAvailable(b.available);
        announceBalance(b.available);
      })
      .catch((e: unknown) => e instanceof ApiError && e.status === 401 && setSignedOut(true));
  }, []);
  useEffect(reload, [reload]);
  return { available, signedOut, reload };
}
