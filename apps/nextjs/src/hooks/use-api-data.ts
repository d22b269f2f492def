"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/lib/api";

/**
 * A `/api/v1` GET loaded on mount and again whenever `path` changes: null until it first answers;
 * `reload` asks again. An answer to an older request is dropped, so a slow one cannot overwrite a
 * newer path's; a failure keeps the data last shown.
 */
export function useApiData<T>(path: string, failedMessage: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const answer = await api<T>(path);
      if (ticket !== latest.current) return;
      setData(answer);
      setError(null);
    } catch (e) {
      if (ticket === latest.current) setError(e instanceof Error ? e.message : failedMessage);
    }
  }, [path, failedMessage]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, reload };
}
