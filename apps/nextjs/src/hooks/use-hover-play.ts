"use client";

import { type FocusEvent, useEffect, useState } from "react";

const REDUCED = "(prefers-reduced-motion: reduce)";

/** Whether the viewer asked for less motion, kept live as the setting changes. */
export function useReducedMotion() {
  const [reduced, setReduced] = useState(false);
  useEffect(() => {
    const query = window.matchMedia(REDUCED);
    setReduced(query.matches);
    const onChange = () => setReduced(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return reduced;
}

/**
 * A card's preview plays while the pointer is over it or the keyboard focus is inside it; never
 * by itself for a viewer who asked for reduced motion.
 */
export function useHoverPlay() {
  const reduced = useReducedMotion();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const handlers = {
    onMouseEnter: () => setHovered(true),
    onMouseLeave: () => setHovered(false),
    onFocus: () => setFocused(true),
    onBlur: (event: FocusEvent<HTMLElement>) => {
      // Focus moving between the card's own links and buttons keeps it playing.
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
    },
  };
  return { playing: !reduced && (hovered || focused), handlers };
}
