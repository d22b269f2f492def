"use client";

import { authClient } from "@videofly/auth/client";
import { LogOutIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const t = useTranslations("nav");
  return (
    <Button
      variant="outline"
      size="sm"
      onClick={async () => {
        await authClient.signOut();
        window.location.href = "/";
      }}
    >
      <LogOutIcon aria-hidden />
      {t("signOut")}
    </Button>
  );
}
