"use client";

import { type FormEvent, useState } from "react";

const input =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-600 focus:outline-none focus:ring-2 focus:ring-indigo-200";

export interface DayRange {
  from: string;
  to: string;
}

/** The UTC days the figures cover; the API allows at most 366 of them. */
export function RangePicker({ range, onChange }: { range: DayRange; onChange: (range: DayRange) => void }) {
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!from || !to || from > to) {
      setError("Pick a first day on or before the last day.");
      return;
    }
    setError(null);
    onChange({ from, to });
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Days shown">
      <label className="flex flex-col gap-1 text-sm">
        <span>From (UTC)</span>
        <input
          type="date"
          required
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          className={input}
          data-testid="admin-range-from"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span>To (UTC)</span>
        <input
          type="date"
          required
          value={to}
          onChange={(e) => setTo(e.target.value)}
          className={input}
          data-testid="admin-range-to"
        />
      </label>
      <button
        type="submit"
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-300"
        data-testid="admin-range-apply"
      >
        Show
      </button>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-red-700">
        {error ?? ""}
      </p>
    </form>
  );
}
