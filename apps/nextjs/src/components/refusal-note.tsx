"use client";

import { REFUSAL_REASONS, type RefusalReason } from "@videofly/common/access-reasons";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { ApiError } from "@/lib/api";

export type Refusal = { reason: RefusalReason | null; message: string };

/** A door's refusal (403 or 429 with details.reason); null for any other error, which the caller reports as such. */
export function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof ApiError) || (error.status !== 403 && error.status !== 429)) return null;
  const reason = (error.details as { reason?: string } | undefined)?.reason;
  const known = REFUSAL_REASONS.find((r) => r === reason) ?? null;
  return { reason: known, message: error.message };
}

const pricing = (chunks: React.ReactNode) => (
  <Link href="/pricing" className="font-medium text-primary underline">
    {chunks}
  </Link>
);

/** Why a door stays closed, said for the one who asked (the owner can change what others cannot), with where to go next. */
export function RefusalNote({ refusal, owner, testId }: { refusal: Refusal; owner: boolean; testId: string }) {
  const t = useTranslations("video.refusal");
  const { reason } = refusal;
  let text: React.ReactNode = refusal.message;
  if (reason === "plan_required") text = owner ? t.rich("planRequired", { pricing }) : t("planRequiredOthers");
  else if (reason === "daily_limit") text = t.rich("dailyLimit", { pricing });
  else if (reason === "private") text = t("private");
  else if (reason === "embed_not_allowed") text = owner ? t("embedOff") : t("embedNotAllowed");
  else if (reason === "download_not_allowed") text = t("downloadNotAllowed");
  else if (reason === "domain_not_allowed") text = t("domainNotAllowed");
  else if (reason === "rate_limited") text = t("rateLimited");
  return (
    <p
      role="status"
      data-testid={testId}
      data-reason={reason ?? "unknown"}
      className="rounded-md bg-warning/15 px-3 py-2 text-sm text-warning"
    >
      {text}
    </p>
  );
}
