"use client";

import { useTranslations } from "next-intl";
import { OneTimeSecretDialog } from "@/components/one-time-secret-dialog";
import type { WebhookEndpointWithSecret } from "@/lib/webhooks";

export function SecretDialog({ endpoint, onClose }: { endpoint: WebhookEndpointWithSecret; onClose: () => void }) {
  const t = useTranslations("webhooks");
  return (
    <OneTimeSecretDialog
      title={t("secretTitle")}
      note={endpoint.previousSecretExpiresAt ? t("rotatedNote") : t("secretNote")}
      label={t("secret")}
      secret={endpoint.secret}
      testId="webhook-secret"
      onClose={onClose}
    />
  );
}
