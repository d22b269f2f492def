"use client";

import { useCallback, useEffect, useState } from "react";
import { api } from "@/lib/api";

/** A `/api/v1` GET loaded on mount: null until it answers; `reload` asks again. */
export function useApiData<T>(path: string, failedMessage: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setData(await api<T>(path));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : failedMessage);
    }
  }, [path, failedMessage]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, reload };
}
