import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import type { AdminVideo } from "@/lib/admin-stats";
import { STATUS_STYLE, type VideoView } from "@/lib/video";

/** The latest videos (or failures) of all users. */
export function VideoList({
  title,
  videos,
  testId,
}: {
  title: string;
  videos: AdminVideo[] | undefined;
  testId: string;
}) {
  return (
    <section aria-label={title} className="flex min-w-0 flex-col gap-2">
      <h2 className="text-lg font-semibold">{title}</h2>
      {videos === undefined ? (
        <Skeleton role="status" aria-label="Loading…" className="h-24 rounded-xl" />
      ) : videos.length === 0 ? (
        <p className="rounded-xl border border-dashed border-input p-4 text-sm text-muted-foreground">None.</p>
      ) : (
        <ul className="divide-y divide-border rounded-xl border bg-card text-sm shadow-xs" data-testid={testId}>
          {videos.map((v) => (
            <li key={v.uuid} className="flex flex-col gap-1 p-3">
              <div className="flex flex-wrap items-center gap-2">
                <Badge variant="secondary" className={STATUS_STYLE[v.status as VideoView["status"]]}>
                  {v.status}
                </Badge>
                <span className="truncate text-foreground">{v.userEmail}</span>
                <span className="ml-auto whitespace-nowrap text-xs text-muted-foreground">
                  {new Date(v.createdAt).toLocaleString()}
                </span>
              </div>
              <span className="line-clamp-1 text-muted-foreground" title={v.prompt}>
                {v.model} · {v.creditsCost} cr · {v.prompt}
              </span>
              {v.errorCode && (
                <span className="font-mono text-xs text-destructive" title={v.errorMessage ?? undefined}>
                  {v.errorCode}
                  {v.errorMessage ? `: ${v.errorMessage}` : ""}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
