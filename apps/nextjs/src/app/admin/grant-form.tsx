"use client";

import { type FormEvent, useId, useState } from "react";
import { ApiError, api } from "@/lib/api";

const input =
  "w-full rounded-md border border-input px-3 py-1.5 text-sm focus:border-primary focus:outline-none focus:ring-2 focus:ring-ring/40";

/** Grants credits to a user, or deducts them, with a reason the user sees in their history. */
export function GrantForm({
  email,
  onEmailChange,
  onDone,
}: {
  email: string;
  onEmailChange: (email: string) => void;
  onDone: () => void;
}) {
  const [credits, setCredits] = useState("");
  const [reason, setReason] = useState("");
  const [expiresInDays, setExpiresInDays] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const hintId = useId();
  const amount = Number(credits);
  const isGrant = Number.isInteger(amount) && amount > 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!Number.isInteger(amount) || amount === 0) {
      setResult({ ok: false, message: "Credits must be a whole number other than zero." });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      await api("/api/v1/admin/credits", {
        method: "POST",
        body: {
          email: email.trim(),
          credits: amount,
          reason: reason.trim(),
          ...(isGrant && expiresInDays ? { expiresInDays: Number(expiresInDays) } : {}),
        },
      });
      setResult({
        ok: true,
        message:
          amount > 0
            ? `Granted ${amount} credits to ${email.trim()}.`
            : `Deducted ${-amount} credits from ${email.trim()}.`,
      });
      setCredits("");
      setReason("");
      setExpiresInDays("");
      onDone();
    } catch (e) {
      const fields =
        e instanceof ApiError
          ? ((e.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? [])
          : [];
      const detail = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
      setResult({
        ok: false,
        message: `${e instanceof Error ? e.message : "The adjustment failed."}${detail ? ` (${detail})` : ""}`,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      aria-labelledby="grant-heading"
      className={`rounded-xl border border-border bg-card p-4 shadow-sm flex h-fit flex-col gap-3`}
    >
      <h2 id="grant-heading" className="text-lg font-semibold">
        Grant or deduct credits
      </h2>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3">
        <label className="flex flex-col gap-1 text-sm">
          <span>User email</span>
          <input
            type="email"
            required
            value={email}
            onChange={(e) => onEmailChange(e.target.value)}
            className={input}
            data-testid="admin-grant-email"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span>Credits</span>
          <input
            type="number"
            required
            step={1}
            inputMode="numeric"
            value={credits}
            onChange={(e) => setCredits(e.target.value)}
            aria-describedby={hintId}
            className={input}
            data-testid="admin-grant-credits"
          />
          <span id={hintId} className="text-xs text-muted-foreground">
            Positive to grant, negative to deduct.
          </span>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span>Reason</span>
          <input
            type="text"
            required
            minLength={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className={input}
            data-testid="admin-grant-reason"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span>Expires after (days, optional)</span>
          <input
            type="number"
            min={1}
            max={3650}
            step={1}
            value={expiresInDays}
            disabled={!isGrant}
            onChange={(e) => setExpiresInDays(e.target.value)}
            className={`${input} disabled:bg-muted`}
            data-testid="admin-grant-expiry"
          />
        </label>
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-primary px-3 py-2 text-sm font-medium text-primary-foreground hover:bg-primary/90 focus:outline-none focus:ring-2 focus:ring-ring/40 disabled:opacity-60"
          data-testid="admin-grant-submit"
        >
          {busy ? "Saving…" : amount < 0 ? "Deduct credits" : "Grant credits"}
        </button>
        <p
          role="status"
          aria-live="polite"
          data-testid="admin-grant-result"
          data-state={result ? (result.ok ? "success" : "error") : "idle"}
          className={`min-h-5 text-sm ${result?.ok ? "text-success" : "text-destructive"}`}
        >
          {result?.message ?? ""}
        </p>
      </form>
    </section>
  );
}
