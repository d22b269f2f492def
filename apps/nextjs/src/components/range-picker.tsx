"use client";

import { type FormEvent, useState } from "react";

const input =
  "rounded-md border border-input px-3 py-1.5 text-sm focus:border-primary focus:outline-none focus:ring-2 focus:ring-ring/40";

export interface DayRange {
  from: string;
  to: string;
}

export interface RangePickerLabels {
  from: string;
  to: string;
  apply: string;
  invalid: string;
  form: string;
}

const ENGLISH: RangePickerLabels = {
  from: "From (UTC)",
  to: "To (UTC)",
  apply: "Show",
  invalid: "Pick a first day on or before the last day.",
  form: "Days shown",
};

/**
 * The UTC days the figures cover; the API allows at most 366 of them. The admin dashboard uses it
 * in English; pages for every user pass translated `labels` and their own `testIdPrefix`.
 */
export function RangePicker({
  range,
  onChange,
  labels = ENGLISH,
  testIdPrefix = "admin-range",
}: {
  range: DayRange;
  onChange: (range: DayRange) => void;
  labels?: RangePickerLabels;
  testIdPrefix?: string;
}) {
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!from || !to || from > to) {
      setError(labels.invalid);
      return;
    }
    setError(null);
    onChange({ from, to });
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label={labels.form}>
      <label className="flex flex-col gap-1 text-sm">
        <span>{labels.from}</span>
        <input
          type="date"
          required
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          className={input}
          data-testid={`${testIdPrefix}-from`}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span>{labels.to}</span>
        <input
          type="date"
          required
          value={to}
          onChange={(e) => setTo(e.target.value)}
          className={input}
          data-testid={`${testIdPrefix}-to`}
        />
      </label>
      <button
        type="submit"
        className="rounded-md bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground hover:bg-primary/90 focus:outline-none focus:ring-2 focus:ring-ring/40"
        data-testid={`${testIdPrefix}-apply`}
      >
        {labels.apply}
      </button>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-destructive">
        {error ?? ""}
      </p>
    </form>
  );
}
