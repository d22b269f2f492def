"use client";

import { useEffect, useId, useState } from "react";
import { DailyBarChart } from "@/components/daily-bars";
import { ACCESS_ACTIONS, type AccessAction, type AccessStats, type AccessTop } from "@/lib/admin-stats";
import { api } from "@/lib/api";
import type { DayRange } from "./range-picker";

const select =
  "rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-indigo-600 focus:outline-none focus:ring-2 focus:ring-indigo-200";
const NAMES: Record<AccessAction, string> = { play: "Plays", embed: "Embeds", download: "Downloads" };

/** Access decisions per day and action over the range, and the most watched videos. */
export function AccessSection({ range }: { range: DayRange }) {
  const { data: stats, error } = useAdminData<AccessStats>(
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
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
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
  const { data: top, error } = useAdminData<AccessTop>(
    `/api/v1/admin/video-access/top?action=${action}&days=${days}`,
    "Could not load the top videos.",
  );
  const actionId = useId();
  const daysId = useId();

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <h3 className="mr-auto font-medium">Top videos</h3>
        <label htmlFor={actionId}>Action</label>
        <select
          id={actionId}
          value={action}
          onChange={(e) => setAction(e.target.value as AccessAction)}
          className={select}
          data-testid="admin-top-action"
        >
          {ACCESS_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {NAMES[a]}
            </option>
          ))}
        </select>
        <label htmlFor={daysId}>Over</label>
        <select id={daysId} value={days} onChange={(e) => setDays(Number(e.target.value))} className={select}>
          {[1, 7, 30, 90].map((n) => (
            <option key={n} value={n}>
              {n === 1 ? "today" : `the last ${n} days`}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="overflow-x-auto rounded-xl bg-white shadow-sm">
        <table className="w-full text-sm" data-testid="admin-top-videos">
          <caption className="sr-only">
            {`The videos most often allowed ${NAMES[action].toLowerCase()}${top ? ` since ${top.since} (UTC)` : ""}`}
          </caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="p-2 font-medium">
                Prompt
              </th>
              <th scope="col" className="p-2 font-medium">
                Owner
              </th>
              <th scope="col" className="p-2 text-right font-medium">
                Allowed
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {top === null ? (
              <tr>
                <td colSpan={3} className="p-3 text-slate-500">
                  Loading…
                </td>
              </tr>
            ) : top.items.length === 0 ? (
              <tr>
                <td colSpan={3} className="p-3 text-slate-500">
                  No {NAMES[action].toLowerCase()} allowed in this time.
                </td>
              </tr>
            ) : (
              top.items.map((v) => (
                <tr key={v.uuid} data-testid="admin-top-video-row">
                  <th scope="row" className="p-2 text-left font-normal" title={v.uuid}>
                    {v.prompt}
                  </th>
                  <td className="max-w-56 truncate p-2">{v.ownerEmail}</td>
                  <td className="p-2 text-right tabular-nums">{v.allowed}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** GETs `url` whenever it changes; an answer to an older url is dropped. */
function useAdminData<T>(url: string, fallback: string): { data: T | null; error: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    let current = true;
    api<T>(url).then(
      (data) => {
        if (current) setState({ data, error: null });
      },
      (e: unknown) => {
        if (current) setState((s) => ({ data: s.data, error: e instanceof Error ? e.message : fallback }));
      },
    );
    return () => {
      current = false;
    };
  }, [url, fallback]);
  return state;
}
