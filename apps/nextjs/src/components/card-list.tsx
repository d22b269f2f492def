import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";

interface CardListProps<T> {
  heading: string;
  /** Null while loading. */
  items: T[] | null;
  card: (item: T) => ReactNode;
  loadingText: string;
  emptyText: string;
  error: string | null;
  testId: string;
}

/** A titled section listing cards, with its loading, empty and error states. */
export function CardList<T>({ heading, items, card, loadingText, emptyText, error, testId }: CardListProps<T>) {
  const headingId = `${testId}-heading`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} className="text-lg font-semibold">
        {heading}
      </h2>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      {items === null ? (
        <div role="status" aria-label={loadingText} aria-busy="true" className="flex flex-col gap-3">
          <Skeleton className="h-16 w-full rounded-xl" />
          <Skeleton className="h-16 w-full rounded-xl" />
        </div>
      ) : items.length === 0 ? (
        <p className="rounded-xl border border-dashed p-6 text-center text-sm text-muted-foreground">{emptyText}</p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid={testId}>
          {items.map(card)}
        </ul>
      )}
    </section>
  );
}
