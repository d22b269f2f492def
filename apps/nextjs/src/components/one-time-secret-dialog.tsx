"use client";

import { CopyIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

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
 * The one time a secret (an API key, a signing secret) is on screen. A modal dialog: focus stays
 * in it and the page behind is inert until it is closed (Done or Escape), and closing it forgets
 * the secret (the parent drops it). A click beside it does not close it: the secret would be lost.
 */
export function OneTimeSecretDialog({ title, note, label, secret, testId, onClose }: OneTimeSecretDialogProps) {
  const t = useTranslations("secretDialog");
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"idle" | "copied" | "manual">("idle");
  const fieldId = `${testId}-secret-field`;

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
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        className="max-w-xl"
        onInteractOutside={(event) => event.preventDefault()}
        data-testid={`${testId}-dialog`}
      >
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription
          className="rounded-md border border-warning/40 bg-warning/10 p-3 text-warning"
          data-testid={`${testId}-note`}
        >
          {note}
        </DialogDescription>
        <div className="flex flex-col gap-2">
          <Label htmlFor={fieldId}>{label}</Label>
          <Input
            id={fieldId}
            ref={field}
            readOnly
            value={secret}
            onFocus={(e) => e.target.select()}
            className="bg-muted/50 font-mono text-xs"
            data-testid={`${testId}-secret`}
          />
        </div>
        <DialogFooter className="items-center sm:justify-between">
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={() => void copy()} data-testid={`${testId}-copy`}>
              <CopyIcon aria-hidden />
              {t("copy")}
            </Button>
            <span role="status" aria-live="polite" className="text-sm text-success" data-testid={`${testId}-copied`}>
              {copied === "copied" ? t("copied") : copied === "manual" ? t("copyManually") : ""}
            </span>
          </div>
          <Button variant="outline" onClick={onClose} data-testid={`${testId}-close`}>
            {t("done")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
