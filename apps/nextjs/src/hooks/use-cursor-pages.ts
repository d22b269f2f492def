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
  /** `null` reloads the first page; a cursor appends the page after it (a second call for it joins the first). */
  load: (after: string | null) => Promise<void>;
  /** Asks for the first page again and puts it in front of what is loaded, keeping older pages and their cursor. */
  refresh: () => Promise<void>;
}

const defaultKey = (item: unknown) => {
  const named = item as { uuid?: string; id?: string };
  return named.uuid ?? named.id ?? "";
};

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor-paginated `/api/v1` list (`{ items, nextCursor }`), the first page loaded on mount and
 * again whenever `path` changes. An answer to an older request is dropped, so a slow one (an
 * earlier search) cannot overwrite a newer one. `keyOf` names an item, for `refresh` to merge by.
 */
export function useCursorPages<T>(
  path: string,
  pageSize: number,
  failedMessage: string,
  keyOf: (item: T) => string = defaultKey,
): CursorPages<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  // The infinite scroll and the "Load more" button may ask for the same page: one request serves both.
  const inFlight = useRef<{ after: string; promise: Promise<void> } | null>(null);
  const pagedOn = useRef(false);
  const keyRef = useRef(keyOf);
  keyRef.current = keyOf;

  const fetchPage = useCallback(
    (after: string | null) => {
      const separator = path.includes("?") ? "&" : "?";
      return api<Page<T>>(`${path}${separator}limit=${pageSize}${after ? `&cursor=${encodeURIComponent(after)}` : ""}`);
    },
    [path, pageSize],
  );

  const load = useCallback(
    (after: string | null) => {
      if (after && inFlight.current?.after === after) return inFlight.current.promise;
      const ticket = ++latest.current;
      pagedOn.current = after !== null;
      const request = async () => {
        try {
          const page = await fetchPage(after);
          if (ticket !== latest.current) return;
          setItems((current) => (after ? [...(current ?? []), ...page.items] : page.items));
          setCursor(page.nextCursor);
          setError(null);
        } catch (e) {
          if (ticket === latest.current) setError(e instanceof Error ? e.message : failedMessage);
        }
      };
      const promise = request().finally(() => {
        if (inFlight.current?.promise === promise) inFlight.current = null;
      });
      if (after) inFlight.current = { after, promise };
      return promise;
    },
    [fetchPage, failedMessage],
  );

  const refresh = useCallback(async () => {
    const ticket = latest.current;
    try {
      const page = await fetchPage(null);
      // A newer load (a new filter, the next page) is under way: its answer is the one to show.
      if (ticket !== latest.current) return;
      if (!pagedOn.current) {
        setItems(page.items);
        setCursor(page.nextCursor);
        return;
      }
      const fresh = new Set(page.items.map((item) => keyRef.current(item)));
      setItems((current) => [...page.items, ...(current ?? []).filter((item) => !fresh.has(keyRef.current(item)))]);
    } catch {
      // A failed refresh keeps what is shown; the next one may succeed.
    }
  }, [fetchPage]);

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, setItems, cursor, error, load, refresh };
}
