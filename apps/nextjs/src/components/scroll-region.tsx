import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/**
 * A table's horizontal scroll box. It takes focus so a keyboard alone can scroll a table wider than
 * the screen (axe's scrollable-region-focusable), and it is a named region so a screen reader says
 * what that focus landed on.
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable box must be reachable by keyboard to be scrolled by one.
      tabIndex={0}
      className={cn("overflow-x-auto outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50", className)}
    >
      {children}
    </section>
  );
}
