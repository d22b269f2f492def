import type { ReactNode } from "react";

/**
 * A box (a named section: a region landmark) that scrolls sideways when its table is wider than the screen. It is focusable and named,
 * so that a keyboard user can reach it and scroll it with the arrow keys (axe: scrollable-region-focusable).
 */
export function ScrollRegion({
  label,
  className = "overflow-x-auto rounded-xl bg-white shadow-sm",
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take focus to be scrolled by keyboard.
    <section aria-label={label} tabIndex={0} className={className}>
      {children}
    </section>
  );
}
