"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Preview } from "./preview";

/** The prompts the batch will make (the first few, and how many in all), and what they cost. */
export function BatchPreview({
  preview,
  costPerVideo,
  available,
}: {
  preview: Preview;
  costPerVideo: number | null;
  available: number | null;
}) {
  const t = useTranslations("batchNew");
  const total = costPerVideo === null ? null : costPerVideo * preview.count;
  const shortfall = total !== null && available !== null ? total - available : 0;
  const more = preview.count - preview.prompts.length;
  return (
    <aside
      aria-labelledby="preview-heading"
      className="flex h-fit flex-col gap-3 rounded-xl border border-border bg-card p-5 text-sm shadow-xs md:sticky md:top-4"
      data-testid="batch-preview"
    >
      <h2 id="preview-heading" className="text-base font-semibold">
        {t("preview")}
      </h2>
      {preview.issues.length > 0 ? (
        // The alert wraps the list: a list with role="alert" would no longer be a list.
        <div role="alert">
          <ul className="flex flex-col gap-1 text-destructive">
            {preview.issues.map((issue) => (
              <li key={`${issue.field}:${issue.message}`} data-testid="preview-issue" data-field={issue.field}>
                <code className="text-xs">{issue.field}</code>: {issue.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <p>
            <strong data-testid="preview-count">{preview.count}</strong> {t("videos", { count: preview.count })}
          </p>
          {preview.prompts.length > 0 && (
            <ol className="flex list-decimal flex-col gap-1 pl-5" data-testid="preview-prompts">
              {preview.prompts.map((prompt, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: prompts may repeat; the index is the item's
                <li key={i} className="break-words" data-testid="preview-prompt">
                  {prompt}
                </li>
              ))}
            </ol>
          )}
          {more > 0 && (
            <p className="text-muted-foreground" data-testid="preview-more">
              {t("andMore", { count: more })}
            </p>
          )}
        </>
      )}
      <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 border-t border-border pt-3">
        <dt>{t("costPerVideo")}</dt>
        <dd className="text-right tabular-nums" data-testid="preview-cost-per-video">
          {costPerVideo ?? "…"}
        </dd>
        <dt className="font-medium">{t("total")}</dt>
        <dd className="text-right font-medium tabular-nums" data-testid="preview-total">
          {total ?? "…"}
        </dd>
        <dt>{t("available")}</dt>
        <dd className="text-right tabular-nums" data-testid="preview-available">
          {available ?? "…"}
        </dd>
      </dl>
      {shortfall > 0 && (
        <p role="status" className="text-destructive" data-testid="preview-short">
          {t("short", { shortfall })}{" "}
          <Link href="/pricing" className="font-medium underline underline-offset-4">
            {t("seePricing")}
          </Link>
        </p>
      )}
    </aside>
  );
}
