"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Typing somewhere these keys mean themselves. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/**
 * `c` opens the create page; `/` focuses the page's search field, or opens the videos page with
 * its search focused when the page has none.
 */
export function Shortcuts() {
  const router = useRouter();
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (event.key === "c") {
        event.preventDefault();
        router.push("/create");
      } else if (event.key === "/") {
        event.preventDefault();
        const search = document.querySelector<HTMLInputElement>('input[type="search"]');
        if (search) search.focus();
        else router.push("/videos?focus=search");
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router]);
  return null;
}
