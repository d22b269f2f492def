"use client";

import { useId, useState } from "react";
import { DailyBarChart } from "@/components/daily-bars";
import { PagedTable } from "@/components/paged-table";
import type { DayRange } from "@/components/range-picker";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { useApiData } from "@/hooks/use-api-data";
import { ACCESS_ACTIONS, type AccessAction, type AccessStats, type AccessTop } from "@/lib/admin-stats";

const NAMES: Record<AccessAction, string> = { play: "Plays", embed: "Embeds", download: "Downloads" };

/** Access decisions per day and action over the range, and the most watched videos. */
export function AccessSection({ range }: { range: DayRange }) {
  const { data: stats, error } = useApiData<AccessStats>(
    `/api/v1/admin/video-access/stats?from=${range.from}&to=${range.to}`,
    "Could not load access figures.",
  );

  const days = stats?.daily.map((d) => d.day) ?? [];
  return (
    <section aria-labelledby="access-heading" className="flex flex-col gap-3">
      <h2 id="access-heading" className="text-lg font-semibold">
        Video access
      </h2>
      {error && (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      {stats && (
        <div className="grid gap-3 md:grid-cols-3">
          {ACCESS_ACTIONS.map((action) => (
            <DailyBarChart
              key={action}
              title={`${NAMES[action]}: ${stats.totals[action].allowed} allowed, ${stats.totals[action].refused} refused`}
              days={days}
              series={[
                { label: "Allowed", color: "emerald", values: stats.daily.map((d) => d[action].allowed) },
                { label: "Refused", color: "rose", values: stats.daily.map((d) => d[action].refused) },
              ]}
              testId={`admin-access-${action}`}
            />
          ))}
        </div>
      )}
      <TopVideos />
    </section>
  );
}

function TopVideos() {
  const [action, setAction] = useState<AccessAction>("play");
  const [days, setDays] = useState(7);
  const { data: top, error } = useApiData<AccessTop>(
    `/api/v1/admin/video-access/top?action=${action}&days=${days}`,
    "Could not load the top videos.",
  );
  const actionId = useId();
  const daysId = useId();

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <h3 className="mr-auto font-medium">Top videos</h3>
        <Label htmlFor={actionId}>Action</Label>
        <NativeSelect
          id={actionId}
          value={action}
          onChange={(e) => setAction(e.target.value as AccessAction)}
          data-testid="admin-top-action"
        >
          {ACCESS_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {NAMES[a]}
            </option>
          ))}
        </NativeSelect>
        <Label htmlFor={daysId}>Over</Label>
        <NativeSelect id={daysId} value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {[1, 7, 30, 90].map((n) => (
            <option key={n} value={n}>
              {n === 1 ? "today" : `the last ${n} days`}
            </option>
          ))}
        </NativeSelect>
      </div>
      <PagedTable
        caption={`The videos most often allowed ${NAMES[action].toLowerCase()}${top ? ` since ${top.since} (UTC)` : ""}`}
        headings={["Prompt", "Owner", "Allowed"]}
        items={top?.items ?? null}
        row={(v) => (
          <tr key={v.uuid} data-testid="admin-top-video-row">
            <th scope="row" className="p-2 text-left font-normal" title={v.uuid}>
              {v.prompt}
            </th>
            <td className="max-w-56 truncate p-2">{v.ownerEmail}</td>
            <td className="p-2 text-right tabular-nums">{v.allowed}</td>
          </tr>
        )}
        loadingText="Loading…"
        emptyText={`No ${NAMES[action].toLowerCase()} allowed in this time.`}
        error={error}
        testId="admin-top-videos"
      />
    </div>
  );
}
