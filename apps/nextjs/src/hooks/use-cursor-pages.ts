"use client";

import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from "react";
import { api } from "@/lib/api";

export interface CursorPages<T> {
  /** Null until the first page is in. */
  items: T[] | null;
  setItems: Dispatch<SetStateAction<T[] | null>>;
  /** The cursor of the next page; null on the last. */
  cursor: string | null;
  error: string | null;
  /** `null` reloads the first page; a cursor appends the page after it. */
  load: (after: string | null) => Promise<void>;
}

/** A cursor-paginated `/api/v1` list (`{ items, nextCursor }`), the first page loaded on mount. */
export function useCursorPages<T>(path: string, pageSize: number, failedMessage: string): CursorPages<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      const separator = path.includes("?") ? "&" : "?";
      try {
        const page = await api<{ items: T[]; nextCursor: string | null }>(
          `${path}${separator}limit=${pageSize}${after ? `&cursor=${encodeURIComponent(after)}` : ""}`,
        );
        setItems((current) => (after ? [...(current ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : failedMessage);
      }
    },
    [path, pageSize, failedMessage],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, setItems, cursor, error, load };
}
