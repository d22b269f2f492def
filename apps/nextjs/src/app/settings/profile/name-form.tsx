"use client";

import { authClient } from "@videofly/auth/client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { AuthField, AuthMessage } from "@/components/auth-card";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";

/** The name the account goes by, and the address it signs in with (not changed here). */
export function NameForm(props: { name: string; email: string; verified: boolean }) {
  const t = useTranslations("profile.details");
  const router = useRouter();
  const [name, setName] = useState(props.name);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setStatus(null);
    const result = await authClient.updateUser({ name: name.trim() });
    setBusy(false);
    if (result.error) setStatus({ kind: "error", text: result.error.message ?? t("failed") });
    else {
      setStatus({ kind: "ok", text: t("saved") });
      router.refresh();
    }
  }

  return (
    <SectionCard
      id="profile-details"
      title={t("title")}
      description={
        <span className="flex flex-wrap items-center gap-2">
          <span data-testid="profile-email">{props.email}</span>
          <Badge variant={props.verified ? "success" : "warning"}>
            {props.verified ? t("verified") : t("unverified")}
          </Badge>
        </span>
      }
    >
      <form onSubmit={save} className="flex flex-col gap-4">
        <AuthField
          label={t("name")}
          name="name"
          required
          maxLength={100}
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        {status && <AuthMessage kind={status.kind} text={status.text} />}
        <Button type="submit" className="self-start" disabled={busy || name.trim() === "" || name === props.name}>
          {busy ? t("saving") : t("save")}
        </Button>
      </form>
    </SectionCard>
  );
}
