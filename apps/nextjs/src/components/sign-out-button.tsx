"use client";

import { authClient } from "@videofly/auth/client";
import { useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("nav");
  return (
    <button
      type="button"
      className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100"
      onClick={async () => {
        await authClient.signOut();
        window.location.href = "/";
      }}
    >
      {t("signOut")}
    </button>
  );
}
