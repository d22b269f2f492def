"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

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
      <Label className="flex-col items-stretch gap-1.5">
        <span>{labels.from}</span>
        <Input
          className="w-auto"
          type="date"
          required
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          data-testid={`${testIdPrefix}-from`}
        />
      </Label>
      <Label className="flex-col items-stretch gap-1.5">
        <span>{labels.to}</span>
        <Input
          className="w-auto"
          type="date"
          required
          value={to}
          onChange={(e) => setTo(e.target.value)}
          data-testid={`${testIdPrefix}-to`}
        />
      </Label>
      <Button type="submit" data-testid={`${testIdPrefix}-apply`}>
        {labels.apply}
      </Button>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-destructive">
        {error ?? ""}
      </p>
    </form>
  );
}
