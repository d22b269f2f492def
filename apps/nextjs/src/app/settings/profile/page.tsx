import { FRESH_SIGN_IN_MINUTES, getSessionIdentity, hasPassword } from "@videofly/auth";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DeleteAccount } from "./delete-account";
import { NameForm } from "./name-form";
import { PasswordForm } from "./password-form";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Profile — VideoFly", robots: { index: false, follow: false } };

/** The account itself: its name and address, its password, and the way to delete it. */
export default async function ProfilePage() {
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  if (!identity) redirect("/sign-in");
  const { user } = identity;
  // An account made by an email link has no password: nothing to change, and deleting it asks for
  // a fresh sign-in instead.
  const withPassword = await hasPassword(user.id);
  const t = await getTranslations("profile");
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <NameForm name={user.name} email={user.email} verified={user.emailVerified} />
      {withPassword ? (
        <PasswordForm />
      ) : (
        <p className="text-sm text-muted-foreground" data-testid="no-password">
          {t("password.none")}
        </p>
      )}
      <DeleteAccount hasPassword={withPassword} freshSignInMinutes={FRESH_SIGN_IN_MINUTES} />
    </div>
  );
}
