"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import type { WebhookEndpointWithSecret } from "@/lib/webhooks";

/** The one time a signing secret is on screen; closing the dialog forgets it (the parent drops it). */
export function SecretDialog({ endpoint, onClose }: { endpoint: WebhookEndpointWithSecret; onClose: () => void }) {
  const t = useTranslations("webhooks");
  const dialog = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"idle" | "copied" | "manual">("idle");
  const titleId = useId();
  const noteId = useId();

  useEffect(() => {
    const element = dialog.current;
    // No close() on cleanup: it would fire onClose when React re-runs effects in development.
    if (element && !element.open) element.showModal();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(endpoint.secret);
      setCopied("copied");
    } catch {
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
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-slate-900/50"
      data-testid="webhook-secret-dialog"
    >
      <div className="flex flex-col gap-4 p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          {t("secretTitle")}
        </h2>
        <p id={noteId} className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {endpoint.previousSecretExpiresAt ? t("rotatedNote") : t("secretNote")}
        </p>
        <label className="flex flex-col gap-1 text-sm">
          <span>{t("secret")}</span>
          <input
            ref={field}
            readOnly
            value={endpoint.secret}
            onFocus={(e) => e.target.select()}
            className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
            data-testid="webhook-secret"
          />
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            onClick={() => void copy()}
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-300"
          >
            {t("copy")}
          </button>
          <span role="status" aria-live="polite" className="text-sm text-emerald-700">
            {copied === "copied" ? t("copied") : copied === "manual" ? t("copyManually") : ""}
          </span>
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="ml-auto rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100"
            data-testid="webhook-secret-close"
          >
            {t("done")}
          </button>
        </div>
      </div>
    </dialog>
  );
}
