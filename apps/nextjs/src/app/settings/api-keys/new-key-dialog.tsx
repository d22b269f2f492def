"use client";

import { useTranslations } from "next-intl";
import { OneTimeSecretDialog } from "@/components/one-time-secret-dialog";
import type { CreatedApiKey } from "@/lib/api-keys";

export function NewKeyDialog({ created, onClose }: { created: CreatedApiKey; onClose: () => void }) {
  const t = useTranslations("apiKeys");
  return (
    <OneTimeSecretDialog
      title={t("createdTitle", { name: created.name })}
      note={t("createdNote")}
      label={t("secret")}
      secret={created.key}
      testId="new-key"
      onClose={onClose}
    />
  );
}
