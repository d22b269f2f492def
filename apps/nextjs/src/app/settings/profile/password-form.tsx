"use client";

import { authClient } from "@videofly/auth/client";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { AuthField, AuthMessage } from "@/components/auth-card";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";

/** A new password, given the current one; other devices may be signed out with it. */
export function PasswordForm() {
  const t = useTranslations("profile.password");
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setStatus(null);
    const result = await authClient.changePassword({
      currentPassword: String(data.get("current") ?? ""),
      newPassword: String(data.get("new") ?? ""),
      revokeOtherSessions: data.get("revoke") === "on",
    });
    setBusy(false);
    if (result.error) {
      const wrong = result.error.code === "INVALID_PASSWORD";
      setStatus({ kind: "error", text: wrong ? t("wrong") : (result.error.message ?? t("failed")) });
    } else {
      form.reset();
      setStatus({ kind: "ok", text: t("saved") });
    }
  }

  return (
    <SectionCard id="profile-password" title={t("title")} description={t("help")}>
      <form onSubmit={save} className="flex flex-col gap-4">
        <AuthField label={t("current")} name="current" type="password" required autoComplete="current-password" />
        <AuthField
          label={t("new")}
          name="new"
          type="password"
          required
          minLength={8}
          maxLength={128}
          autoComplete="new-password"
        />
        <label className="flex items-center gap-2 text-sm">
          <Checkbox name="revoke" defaultChecked />
          {t("revoke")}
        </label>
        {status && <AuthMessage kind={status.kind} text={status.text} />}
        <Button type="submit" className="self-start" disabled={busy}>
          {busy ? t("saving") : t("save")}
        </Button>
      </form>
    </SectionCard>
  );
}
