"use client";

import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ApiError, api } from "@/lib/api";

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
    <SectionCard id="grant-heading" title="Grant or deduct credits" sectionClassName="h-fit">
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3">
        <Label className="flex-col items-stretch gap-1.5">
          <span>User email</span>
          <Input
            type="email"
            required
            value={email}
            onChange={(e) => onEmailChange(e.target.value)}
            data-testid="admin-grant-email"
          />
        </Label>
        <Label className="flex-col items-stretch gap-1.5">
          <span>Credits</span>
          <Input
            type="number"
            required
            step={1}
            inputMode="numeric"
            value={credits}
            onChange={(e) => setCredits(e.target.value)}
            aria-describedby={hintId}
            data-testid="admin-grant-credits"
          />
          <span id={hintId} className="text-xs font-normal text-muted-foreground">
            Positive to grant, negative to deduct.
          </span>
        </Label>
        <Label className="flex-col items-stretch gap-1.5">
          <span>Reason</span>
          <Input
            type="text"
            required
            minLength={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="admin-grant-reason"
          />
        </Label>
        <Label className="flex-col items-stretch gap-1.5">
          <span>Expires after (days, optional)</span>
          <Input
            type="number"
            min={1}
            max={3650}
            step={1}
            value={expiresInDays}
            disabled={!isGrant}
            onChange={(e) => setExpiresInDays(e.target.value)}
            className="disabled:bg-muted"
            data-testid="admin-grant-expiry"
          />
        </Label>
        <Button
          type="submit"
          variant={amount < 0 ? "destructive" : "default"}
          disabled={busy}
          data-testid="admin-grant-submit"
        >
          {busy ? "Saving…" : amount < 0 ? "Deduct credits" : "Grant credits"}
        </Button>
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
    </SectionCard>
  );
}
