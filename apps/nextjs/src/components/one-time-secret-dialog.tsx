"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";

interface OneTimeSecretDialogProps {
  title: string;
  note: string;
  label: string;
  secret: string;
  /** Prefix of the test ids: `<p>-dialog`, `-note`, `-secret`, `-copy`, `-copied`, `-close`. */
  testId: string;
  onClose: () => void;
}

/**
 * The one time a secret (an API key, a signing secret) is on screen. A modal <dialog>: the page
 * behind it is inert until it is closed, and closing it forgets the secret (the parent drops it).
 */
export function OneTimeSecretDialog({ title, note, label, secret, testId, onClose }: OneTimeSecretDialogProps) {
  const t = useTranslations("secretDialog");
  const dialog = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"idle" | "copied" | "manual">("idle");
  const titleId = useId();
  const noteId = useId();

  useEffect(() => {
    const element = dialog.current;
    // Unmounting removes the element, and with it the modal state: no close() on cleanup, which
    // would fire onClose (and drop the secret) when React re-runs effects in development.
    if (element && !element.open) element.showModal();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("copied");
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C instead.
      field.current?.select();
      setCopied("manual");
    }
  }

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby={titleId}
      aria-describedby={noteId}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-black/50"
      data-testid={`${testId}-dialog`}
    >
      <div className="flex flex-col gap-4 p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <p id={noteId} className="rounded-md bg-warning/15 p-3 text-sm text-warning" data-testid={`${testId}-note`}>
          {note}
        </p>
        <label className="flex flex-col gap-1 text-sm">
          <span>{label}</span>
          <input
            ref={field}
            readOnly
            value={secret}
            onFocus={(e) => e.target.select()}
            className="w-full rounded-md border border-input bg-muted/50 px-3 py-2 font-mono text-xs"
            data-testid={`${testId}-secret`}
          />
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            onClick={() => void copy()}
            className="rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground hover:bg-primary/90 focus:outline-none focus:ring-2 focus:ring-ring/40"
            data-testid={`${testId}-copy`}
          >
            {t("copy")}
          </button>
          <span role="status" aria-live="polite" className="text-sm text-success" data-testid={`${testId}-copied`}>
            {copied === "copied" ? t("copied") : copied === "manual" ? t("copyManually") : ""}
          </span>
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="ml-auto rounded-md border border-input px-4 py-2 text-sm hover:bg-muted"
            data-testid={`${testId}-close`}
          >
            {t("done")}
          </button>
        </div>
      </div>
    </dialog>
  );
}
