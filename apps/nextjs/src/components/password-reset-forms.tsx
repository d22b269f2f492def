"use client";

import { authClient } from "@videofly/auth/client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AuthCard, AuthField, AuthMessage } from "@/components/auth-card";
import { Button } from "@/components/ui/button";

/** Asks for a reset link by mail; the answer is the same whether the address has an account or not. */
export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function submit(form: FormData) {
    const email = String(form.get("email") ?? "");
    const result = await authClient.requestPasswordReset({ email, redirectTo: "/reset-password" });
    if (result.error) setError(result.error.message ?? t("failed"));
    else setSent(email);
  }
  return (
    <AuthCard title={t("forgotTitle")} action={submit}>
      <p className="text-sm text-muted-foreground">{t("forgotHelp")}</p>
      <AuthField label={t("email")} name="email" type="email" required autoComplete="email" />
      {error && <AuthMessage kind="error" text={error} />}
      {sent && <AuthMessage kind="ok" text={t("resetSent", { email: sent })} />}
      <Button type="submit">{t("sendResetLink")}</Button>
    </AuthCard>
  );
}

/** The page the mailed link lands on (`?token=`, or `?error=INVALID_TOKEN` for a stale link). */
export function ResetPasswordForm({ token, invalid }: { token: string | null; invalid: boolean }) {
  const t = useTranslations("auth");
  const [state, setState] = useState<"idle" | "busy" | "done">("idle");
  const [error, setError] = useState<string | null>(invalid || !token ? t("resetInvalid") : null);
  async function submit(form: FormData) {
    if (!token) return;
    setState("busy");
    const result = await authClient.resetPassword({ token, newPassword: String(form.get("password") ?? "") });
    if (result.error) {
      setState("idle");
      setError(result.error.code === "INVALID_TOKEN" ? t("resetInvalid") : (result.error.message ?? t("failed")));
    } else setState("done");
  }
  return (
    <AuthCard title={t("resetTitle")} action={submit}>
      <AuthField
        label={t("newPassword")}
        name="password"
        type="password"
        required
        minLength={8}
        autoComplete="new-password"
      />
      {error && <AuthMessage kind="error" text={error} />}
      {state === "done" && <AuthMessage kind="ok" text={t("resetDone")} />}
      {state === "done" ? (
        <Button asChild>
          <Link href="/sign-in">{t("signIn")}</Link>
        </Button>
      ) : (
        <Button type="submit" disabled={state === "busy" || !token}>
          {t("savePassword")}
        </Button>
      )}
    </AuthCard>
  );
}
