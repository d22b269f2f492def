"use client";

import { authClient } from "@videofly/auth/client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";

function Card({ title, children, action }: { title: string; children: ReactNode; action: (f: FormData) => void }) {
  return (
    <form
      action={action}
      className="mx-auto flex max-w-sm flex-col gap-4 rounded-xl border border-border bg-card p-6 shadow-sm"
    >
      <h1 className="text-2xl font-semibold">{title}</h1>
      {children}
    </form>
  );
}

const Message = ({ kind, text }: { kind: "error" | "ok"; text: string }) => (
  <p
    role={kind === "error" ? "alert" : "status"}
    className={`rounded-md px-3 py-2 text-sm ${kind === "error" ? "bg-destructive/10 text-destructive" : "bg-success/15 text-success"}`}
  >
    {text}
  </p>
);

const inputClass = "rounded-md border border-input px-3 py-2";
const buttonClass =
  "rounded-md bg-primary px-4 py-2 font-medium text-primary-foreground hover:bg-primary/90 disabled:opacity-60";

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
    <Card title={t("forgotTitle")} action={submit}>
      <p className="text-sm text-muted-foreground">{t("forgotHelp")}</p>
      <label className="flex flex-col gap-1 text-sm">
        {t("email")}
        <input name="email" type="email" required autoComplete="email" className={inputClass} />
      </label>
      {error && <Message kind="error" text={error} />}
      {sent && <Message kind="ok" text={t("resetSent", { email: sent })} />}
      <button type="submit" className={buttonClass}>
        {t("sendResetLink")}
      </button>
    </Card>
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
    <Card title={t("resetTitle")} action={submit}>
      <label className="flex flex-col gap-1 text-sm">
        {t("newPassword")}
        <input
          name="password"
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          className={inputClass}
        />
      </label>
      {error && <Message kind="error" text={error} />}
      {state === "done" && <Message kind="ok" text={t("resetDone")} />}
      {state === "done" ? (
        <Link href="/sign-in" className={`${buttonClass} text-center`}>
          {t("signIn")}
        </Link>
      ) : (
        <button type="submit" disabled={state === "busy" || !token} className={buttonClass}>
          {t("savePassword")}
        </button>
      )}
    </Card>
  );
}
