"use client";

import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from "react";
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

/**
 * A cursor-paginated `/api/v1` list (`{ items, nextCursor }`), the first page loaded on mount and
 * again whenever `path` changes. An answer to an older request is dropped, so a slow one (an
 * earlier search) cannot overwrite a newer one.
 */
export function useCursorPages<T>(path: string, pageSize: number, failedMessage: string): CursorPages<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const load = useCallback(
    async (after: string | null) => {
      const separator = path.includes("?") ? "&" : "?";
      const ticket = ++latest.current;
      try {
        const page = await api<{ items: T[]; nextCursor: string | null }>(
          `${path}${separator}limit=${pageSize}${after ? `&cursor=${encodeURIComponent(after)}` : ""}`,
        );
        if (ticket !== latest.current) return;
        setItems((current) => (after ? [...(current ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        if (ticket === latest.current) setError(e instanceof Error ? e.message : failedMessage);
      }
    },
    [path, pageSize, failedMessage],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, setItems, cursor, error, load };
}
