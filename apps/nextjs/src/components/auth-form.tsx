"use client";

import { authClient } from "@videofly/auth/client";
import { MailIcon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AuthCard, AuthField, AuthMessage } from "@/components/auth-card";
import { Button } from "@/components/ui/button";

/** Email and password sign-in or sign-up, with the server's error shown as it is. */
export function AuthForm({ mode, oauth }: { mode: "sign-in" | "sign-up"; oauth: ("google" | "github")[] }) {
  const t = useTranslations("auth");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signUp = mode === "sign-up";

  async function sendMagicLink(form: HTMLFormElement | null) {
    const email = String(new FormData(form ?? undefined).get("email") ?? "");
    setError(null);
    setNotice(null);
    if (!email) return setError(t("emailFirst"));
    setBusy(true);
    const result = await authClient.signIn.magicLink({ email, callbackURL: "/dashboard" });
    setBusy(false);
    if (result.error) setError(result.error.message ?? t("failed"));
    else setNotice(t("magicLinkSent", { email }));
  }

  async function submit(form: FormData) {
    setBusy(true);
    setError(null);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const result = signUp
      ? await authClient.signUp.email({
          email,
          password,
          name: String(form.get("name") || email.split("@")[0]),
          callbackURL: "/dashboard",
        })
      : await authClient.signIn.email({ email, password });
    setBusy(false);
    if (result.error) {
      setError(result.error.message ?? t("failed"));
      return;
    }
    window.location.href = "/dashboard";
  }

  const textLink = "text-primary underline underline-offset-4 hover:no-underline";
  return (
    <AuthCard title={signUp ? t("signUpTitle") : t("signInTitle")} action={submit}>
      {signUp && <AuthField label={t("name")} name="name" autoComplete="name" />}
      <AuthField label={t("email")} name="email" type="email" required autoComplete="email" />
      <AuthField
        label={t("password")}
        name="password"
        type="password"
        required
        minLength={8}
        autoComplete={signUp ? "new-password" : "current-password"}
      />
      {!signUp && (
        <Link href="/forgot-password" className={`-mt-2 text-sm ${textLink}`}>
          {t("forgotPassword")}
        </Link>
      )}
      {error && <AuthMessage kind="error" text={error} />}
      {notice && <AuthMessage kind="ok" text={notice} />}
      <Button type="submit" disabled={busy}>
        {busy ? "…" : signUp ? t("signUp") : t("signIn")}
      </Button>
      {!signUp && (
        <Button variant="outline" disabled={busy} onClick={(event) => void sendMagicLink(event.currentTarget.form)}>
          <MailIcon aria-hidden />
          {t("magicLink")}
        </Button>
      )}
      {oauth.map((provider) => (
        <Button
          key={provider}
          variant="outline"
          onClick={() => void authClient.signIn.social({ provider, callbackURL: "/dashboard" })}
        >
          {t("continueWith", { provider: provider === "google" ? "Google" : "GitHub" })}
        </Button>
      ))}
      <p className="text-sm text-muted-foreground">
        {signUp ? (
          <>
            {t("haveAccount")}{" "}
            <Link href="/sign-in" className={textLink}>
              {t("signIn")}
            </Link>
          </>
        ) : (
          <>
            {t("newHere")}{" "}
            <Link href="/sign-up" className={textLink}>
              {t("createAccount")}
            </Link>
          </>
        )}
      </p>
    </AuthCard>
  );
}
