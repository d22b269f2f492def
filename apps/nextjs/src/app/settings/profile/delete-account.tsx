"use client";

import { Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { AuthField, AuthMessage } from "@/components/auth-card";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { api, describeError } from "@/lib/api";

/**
 * Deleting the account, confirmed in a dialog with the password (or, without one, a recent
 * sign-in, which the server checks). The server refuses while a subscription renews.
 */
export function DeleteAccount({
  hasPassword,
  freshSignInMinutes,
}: {
  hasPassword: boolean;
  freshSignInMinutes: number;
}) {
  const t = useTranslations("profile.delete");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = new FormData(event.currentTarget).get("password");
    setBusy(true);
    setError(null);
    try {
      await api("/api/v1/user/me", { method: "DELETE", body: hasPassword ? { password } : {} });
      // Its sessions went with it: a full load of the landing page, signed out.
      window.location.href = "/";
    } catch (e) {
      setError(describeError(e, t("failed")));
      setBusy(false);
    }
  }

  return (
    <SectionCard id="profile-delete" title={t("title")} description={t("help")} className="border-destructive/40">
      <Dialog onOpenChange={() => setError(null)}>
        <DialogTrigger asChild>
          <Button variant="destructive">
            <Trash2 aria-hidden="true" />
            {t("open")}
          </Button>
        </DialogTrigger>
        <DialogContent closeLabel={t("cancel")}>
          <form onSubmit={confirm} className="flex flex-col gap-4">
            <DialogHeader>
              <DialogTitle>{t("confirmTitle")}</DialogTitle>
              <DialogDescription>
                {hasPassword ? t("confirmPassword") : t("confirmRecent", { minutes: freshSignInMinutes })}
              </DialogDescription>
            </DialogHeader>
            {hasPassword && (
              <AuthField
                label={t("password")}
                name="password"
                type="password"
                required
                autoComplete="current-password"
              />
            )}
            {error && <AuthMessage kind="error" text={error} />}
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button" variant="outline">
                  {t("cancel")}
                </Button>
              </DialogClose>
              <Button type="submit" variant="destructive" disabled={busy}>
                {busy ? t("deleting") : t("confirm")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </SectionCard>
  );
}
