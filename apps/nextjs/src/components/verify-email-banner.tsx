"use client";

import { authClient } from "@videofly/auth/client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Shown to a signed-in user whose email is not verified yet; `outbox` links the development outbox. */
export function VerifyEmailBanner({ email, outbox }: { email: string; outbox: boolean }) {
  const t = useTranslations("auth");
  const [state, setState] = useState<"idle" | "busy" | "sent" | "failed">("idle");
  async function resend() {
    setState("busy");
    const result = await authClient.sendVerificationEmail({ email, callbackURL: "/dashboard" });
    setState(result.error ? "failed" : "sent");
  }
  return (
    <div role="status" data-testid="verify-banner" className="border-b border-warning/40 bg-warning/15">
      <p className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 text-sm text-warning">
        <span>{t("verifyBanner", { email })}</span>
        {state === "sent" ? (
          <span>{t("verificationResent")}</span>
        ) : (
          <Button variant="link" disabled={state === "busy"} onClick={resend} className="h-auto p-0 text-warning">
            {state === "failed" ? t("failed") : t("resendVerification")}
          </Button>
        )}
        {outbox && (
          <a href="/dev/mail" className="font-medium underline">
            {t("openOutbox")}
          </a>
        )}
      </p>
    </div>
  );
}
