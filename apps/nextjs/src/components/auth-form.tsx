"use client";

import { authClient } from "@videofly/auth/client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";

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

  return (
    <form
      action={submit}
      className="mx-auto flex max-w-sm flex-col gap-4 rounded-xl border border-border bg-card p-6 shadow-sm"
    >
      <h1 className="text-2xl font-semibold">{signUp ? t("signUpTitle") : t("signInTitle")}</h1>
      {signUp && (
        <label className="flex flex-col gap-1 text-sm">
          {t("name")}
          <input name="name" autoComplete="name" className="rounded-md border border-input px-3 py-2" />
        </label>
      )}
      <label className="flex flex-col gap-1 text-sm">
        {t("email")}
        <input
          name="email"
          type="email"
          required
          autoComplete="email"
          className="rounded-md border border-input px-3 py-2"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        {t("password")}
        <input
          name="password"
          type="password"
          required
          minLength={8}
          autoComplete={signUp ? "new-password" : "current-password"}
          className="rounded-md border border-input px-3 py-2"
        />
      </label>
      {!signUp && (
        <Link href="/forgot-password" className="-mt-2 text-sm text-primary">
          {t("forgotPassword")}
        </Link>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="rounded-md bg-success/15 px-3 py-2 text-sm text-success">
          {notice}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="rounded-md bg-primary px-4 py-2 font-medium text-primary-foreground hover:bg-primary/90 disabled:opacity-60"
      >
        {busy ? "…" : signUp ? t("signUp") : t("signIn")}
      </button>
      {!signUp && (
        <button
          type="button"
          disabled={busy}
          onClick={(event) => void sendMagicLink(event.currentTarget.form)}
          className="rounded-md border border-input px-4 py-2 hover:bg-muted disabled:opacity-60"
        >
          {t("magicLink")}
        </button>
      )}
      {oauth.map((provider) => (
        <button
          key={provider}
          type="button"
          onClick={() => void authClient.signIn.social({ provider, callbackURL: "/dashboard" })}
          className="rounded-md border border-input px-4 py-2 hover:bg-muted"
        >
          {t("continueWith", { provider: provider === "google" ? "Google" : "GitHub" })}
        </button>
      ))}
      <p className="text-sm text-muted-foreground">
        {signUp ? (
          <>
            {t("haveAccount")}{" "}
            <Link href="/sign-in" className="text-primary">
              {t("signIn")}
            </Link>
          </>
        ) : (
          <>
            {t("newHere")}{" "}
            <Link href="/sign-up" className="text-primary">
              {t("createAccount")}
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
