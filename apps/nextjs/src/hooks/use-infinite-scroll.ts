"use client";

import { useEffect, useRef } from "react";

/**
 * A sentinel element's ref: when it scrolls into view and there is a next page (`cursor`), that
 * page is loaded. One request at a time; a new cursor re-arms it.
 */
export function useInfiniteScroll(cursor: string | null, load: (after: string) => Promise<void>) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node || !cursor) return;
    let busy = false;
    const observer = new IntersectionObserver((entries) => {
      if (busy || !entries.some((e) => e.isIntersecting)) return;
      busy = true;
      void load(cursor);
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [cursor, load]);
  return ref;
}
