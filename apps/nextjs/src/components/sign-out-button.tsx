"use client";

import { authClient } from "@videofly/auth/client";
import { useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("nav");
  return (
    <button
      type="button"
      className="rounded-md border border-input px-3 py-1.5 hover:bg-muted"
      onClick={async () => {
        await authClient.signOut();
        window.location.href = "/";
      }}
    >
      {t("signOut")}
    </button>
  );
}
