"use client";

import { useUrlFilters } from "@/hooks/use-url-filters";

export const STATUSES = ["ALL", "GENERATING", "COMPLETED", "FAILED"] as const;
export const MODES = ["ALL", "TEXT_TO_VIDEO", "IMAGE_TO_VIDEO", "LIPSYNC"] as const;
export type StatusFilter = (typeof STATUSES)[number];
export type ModeFilter = (typeof MODES)[number];

export interface VideoFilters extends Record<string, string> {
  status: StatusFilter;
  mode: ModeFilter;
  q: string;
}

const DEFAULTS: VideoFilters = { status: "ALL", mode: "ALL", q: "" };
const ALLOWED = { status: STATUSES, mode: MODES };

/** The videos page's filters, in its URL (`?status=&mode=&q=`), and the list API's query for them. */
export function useVideoFilters() {
  const { filters, write, focus } = useUrlFilters(DEFAULTS, ALLOWED);
  const query = new URLSearchParams();
  if (filters.status !== "ALL") query.set("status", filters.status);
  if (filters.mode !== "ALL") query.set("mode", filters.mode);
  if (filters.q.trim()) query.set("q", filters.q.trim());
  return { filters, update: write, apiQuery: query.toString(), focusSearch: focus === "search" };
}
