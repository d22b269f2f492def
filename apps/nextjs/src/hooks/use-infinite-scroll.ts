"use client";

import { useEffect, useRef } from "react";

/**
 * A sentinel element's ref: when it scrolls into view and there is a next page (`cursor`), that
 * page is loaded, one request at a time. Without IntersectionObserver the page's "Load more"
 * button is the way on.
 */
export function useInfiniteScroll(cursor: string | null, load: (after: string) => Promise<void>) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node || !cursor || typeof IntersectionObserver === "undefined") return;
    let busy = false;
    const observer = new IntersectionObserver(
      (entries) => {
        if (busy || !entries.some((e) => e.isIntersecting)) return;
        busy = true;
        // Re-armed after an answer that did not move the cursor (a failure, or one a newer request replaced).
        void load(cursor).finally(() => {
          busy = false;
        });
      },
      { rootMargin: "200px 0px" },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [cursor, load]);
  return ref;
}
