"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";

const SEARCH_DELAY_MS = 300;

/**
 * A list page's filters kept in its URL's query (`?status=…&q=…`), so a reload, a shared link or
 * the back button shows the same list: `read` picks each from the URL (an unknown value reads as
 * the default), `write` replaces the URL with the changed ones (defaults left out).
 */
export function useUrlFilters<F extends Record<string, string>>(
  defaults: F,
  allowed: { [K in keyof F]?: readonly string[] },
) {
  const params = useSearchParams();
  const pathname = usePathname();
  const filters = {} as F;
  for (const key of Object.keys(defaults) as (keyof F & string)[]) {
    const value = params.get(key);
    const options = allowed[key];
    filters[key] = (
      value !== null && (!options || options.includes(value)) ? value.slice(0, 100) : defaults[key]
    ) as F[typeof key];
  }
  const current = params.toString();

  const write = useCallback(
    (change: Partial<F>) => {
      const query = new URLSearchParams(current);
      for (const [key, value] of Object.entries(change)) {
        const v = (value ?? "").trim();
        if (v === "" || v === defaults[key]) query.delete(key);
        else query.set(key, v);
      }
      query.delete("focus");
      const search = query.toString();
      // The native history call: Next's router follows it (useSearchParams updates) without asking
      // the server to render the page again, as router.replace would on every settled keystroke.
      window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
    },
    [current, defaults, pathname],
  );
  return { filters, write, focus: params.get("focus") };
}

/**
 * A search field's text, written to the URL once typing settles; a URL changed elsewhere (back, a
 * link) shows in the field, but the field's own change coming back does not undo what was typed since.
 */
export function useDebouncedSearch(value: string, write: (q: string) => void) {
  const [text, setText] = useState(value);
  const written = useRef(value);
  useEffect(() => {
    if (value !== written.current) {
      written.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    if (text.trim() === written.current.trim()) return;
    const timer = setTimeout(() => {
      written.current = text.trim();
      write(text);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, write]);
  return [text, setText] as const;
}
