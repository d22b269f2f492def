import type { ReactNode } from "react";
import { ScrollRegion } from "./scroll-region";

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
        <p role="alert" className="text-sm text-destructive">
          {props.error}
        </p>
      )}
      <ScrollRegion label={props.caption}>
        <table className="w-full text-sm" data-testid={props.testId}>
          <caption className="sr-only">{props.caption}</caption>
          <thead className="bg-muted text-left">
            <tr>
              {headings.map((h) => (
                <th key={h} scope="col" className="whitespace-nowrap p-2">
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
        <button
          type="button"
          onClick={() => props.onLoadMore?.(cursor)}
          className="w-fit rounded-md border border-input px-3 py-1.5 text-sm"
        >
          {props.loadMoreText}
        </button>
      )}
    </>
  );
}
