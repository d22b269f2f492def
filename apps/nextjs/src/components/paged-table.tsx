import type { ReactNode } from "react";
import { ScrollRegion } from "@/components/scroll-region";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

interface PagedTableProps<T> {
  caption: string;
  headings: string[];
  /** Null while loading. */
  items: T[] | null;
  row: (item: T) => ReactNode;
  loadingText: string;
  emptyText: string;
  error: string | null;
  /** A paginated list's next page, offered as a "load more" button while there is one. */
  cursor?: string | null;
  onLoadMore?: (cursor: string) => void;
  loadMoreText?: string;
  testId: string;
}

/** A table of a cursor-paginated list with its loading, empty and error states. */
export function PagedTable<T>(props: PagedTableProps<T>) {
  const { headings, items, cursor } = props;
  const note = items === null ? props.loadingText : items.length === 0 ? props.emptyText : null;
  return (
    <>
      {props.error && (
        <Alert variant="destructive">
          <AlertDescription>{props.error}</AlertDescription>
        </Alert>
      )}
      <ScrollRegion label={props.caption} className="rounded-xl border bg-card shadow-xs">
        <table className="w-full text-sm" data-testid={props.testId}>
          <caption className="sr-only">{props.caption}</caption>
          <thead className="border-b bg-muted/60 text-left text-xs text-muted-foreground">
            <tr>
              {headings.map((h) => (
                <th key={h} scope="col" className="whitespace-nowrap p-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {note !== null ? (
              <tr>
                <td colSpan={headings.length} className="p-3 text-muted-foreground">
                  {note}
                </td>
              </tr>
            ) : (
              items?.map(props.row)
            )}
          </tbody>
        </table>
      </ScrollRegion>
      {cursor && props.onLoadMore && (
        <Button variant="outline" size="sm" onClick={() => props.onLoadMore?.(cursor)} className="w-fit">
          {props.loadMoreText}
        </Button>
      )}
    </>
  );
}
