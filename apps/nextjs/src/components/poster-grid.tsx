"use client";

import { Loader2 } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useHoverPlay } from "@/hooks/use-hover-play";
import { useInfiniteScroll } from "@/hooks/use-infinite-scroll";
import { cn } from "@/lib/utils";

export const GRID_CLASSES = "grid gap-4 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-4";

/** One card of a poster grid: `children` gets whether its preview plays (the card hovered or focused). */
export function PosterCard({
  children,
  className,
  ...props
}: { children: (playing: boolean) => ReactNode } & Omit<
  ComponentProps<"li">,
  "children" | "onMouseEnter" | "onMouseLeave" | "onFocus" | "onBlur"
>) {
  const { playing, handlers } = useHoverPlay();
  return (
    <li
      className={cn(
        "flex flex-col gap-2 rounded-xl border bg-card p-2 pb-3 text-card-foreground shadow-xs transition-shadow hover:shadow-md focus-within:ring-2 focus-within:ring-ring/50",
        className,
      )}
      data-playing={playing}
      {...props}
      {...handlers}
    >
      {children(playing)}
    </li>
  );
}

/** What a grid shows while its first page loads: cards of the same shape. */
export function GridSkeleton({ count = 6, label }: { count?: number; label: string }) {
  return (
    <div role="status" aria-label={label} aria-busy="true" className={GRID_CLASSES}>
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have nothing else to tell them apart
        <div key={i} className="flex flex-col gap-2 rounded-xl border bg-card p-2 pb-3">
          <Skeleton className="aspect-video w-full" />
          <Skeleton className="mx-1 h-4 w-3/4" />
          <Skeleton className="mx-1 h-3 w-1/3" />
        </div>
      ))}
    </div>
  );
}

/** An empty list: what it is, and the one thing to do about it. */
export function EmptyState(props: { icon: ReactNode; title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <div
      className="flex flex-col items-center gap-3 rounded-xl border border-dashed p-10 text-center"
      data-testid="empty-state"
    >
      <span className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg]:size-6">
        {props.icon}
      </span>
      <p className="font-medium">{props.title}</p>
      {props.description && <p className="max-w-md text-sm text-muted-foreground">{props.description}</p>}
      {props.action}
    </div>
  );
}

/**
 * The end of a paged grid: a sentinel that loads the next page as it scrolls into view, and a
 * "Load more" button doing the same for the keyboard and for browsers without IntersectionObserver.
 */
export function LoadMore(props: {
  cursor: string | null;
  load: (after: string) => Promise<void>;
  label: string;
  loadingLabel: string;
}) {
  const sentinel = useInfiniteScroll(props.cursor, props.load);
  const [busy, setBusy] = useState(false);
  const { cursor, load } = props;
  if (!cursor) return <div ref={sentinel} aria-hidden="true" />;
  return (
    <div className="flex flex-col items-center gap-2 pt-2">
      <div ref={sentinel} aria-hidden="true" className="h-px w-full" />
      <Button
        variant="outline"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await load(cursor);
          setBusy(false);
        }}
      >
        {busy && <Loader2 className="animate-spin" aria-hidden="true" />}
        {busy ? props.loadingLabel : props.label}
      </Button>
    </div>
  );
}
