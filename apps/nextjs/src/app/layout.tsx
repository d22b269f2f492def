import { getSessionIdentity } from "@videofly/auth";
import { mailConfig } from "@videofly/common";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitcher } from "@/components/language-switcher";
import { SignOutButton } from "@/components/sign-out-button";
import { VerifyEmailBanner } from "@/components/verify-email-banner";
import { appConfig } from "@/config";
import "./globals.css";

export const metadata: Metadata = {
  title: "VideoFly — AI video generation",
  description: "Turn a prompt, or an image and a prompt, into a video.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  const locale = await getLocale();
  const t = await getTranslations("nav");
  const tFooter = await getTranslations("footer");
  const devOutbox = appConfig().NODE_ENV !== "production" && mailConfig().transport === "outbox";
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body className="min-h-screen">
        <NextIntlClientProvider>
          <header className="border-b border-slate-200 bg-white">
            <nav
              className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3 text-sm"
              aria-label="Main"
            >
              <Link href="/" className="text-lg font-semibold text-indigo-600">
                VideoFly
              </Link>
              <Link href="/create" className="hover:text-indigo-600">
                {t("create")}
              </Link>
              <Link href="/videos" className="hover:text-indigo-600">
                {t("videos")}
              </Link>
              <Link href="/batches" className="hover:text-indigo-600">
                {t("batches")}
              </Link>
              <Link href="/projects" className="hover:text-indigo-600">
                {t("projects")}
              </Link>
              <Link href="/credits" className="hover:text-indigo-600">
                {t("credits")}
              </Link>
              <Link href="/pricing" className="hover:text-indigo-600">
                {t("pricing")}
              </Link>
              {identity && (
                <>
                  <Link href="/usage" className="hover:text-indigo-600">
                    {t("usage")}
                  </Link>
                  <Link href="/uploads" className="hover:text-indigo-600">
                    {t("uploads")}
                  </Link>
                  <Link href="/billing" className="hover:text-indigo-600">
                    {t("billing")}
                  </Link>
                  <Link href="/settings/api-keys" className="hover:text-indigo-600">
                    {t("apiKeys")}
                  </Link>
                  <Link href="/settings/webhooks" className="hover:text-indigo-600">
                    {t("webhooks")}
                  </Link>
                </>
              )}
              {identity?.user.role === "admin" && (
                <Link href="/admin" className="hover:text-indigo-600">
                  {t("admin")}
                </Link>
              )}
              <span className="ml-auto flex items-center gap-3">
                <LanguageSwitcher />
                {identity ? (
                  <>
                    <span className="text-slate-500" data-testid="signed-in-as">
                      {identity.user.email}
                    </span>
                    <SignOutButton />
                  </>
                ) : (
                  <>
                    <Link href="/sign-in" className="hover:text-indigo-600">
                      {t("signIn")}
                    </Link>
                    <Link
                      href="/sign-up"
                      className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500"
                    >
                      {t("signUp")}
                    </Link>
                  </>
                )}
              </span>
            </nav>
          </header>
          {identity && !identity.user.emailVerified && (
            <VerifyEmailBanner email={identity.user.email} outbox={devOutbox} />
          )}
          <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
          <footer className="border-t border-slate-200 bg-white">
            <nav className="mx-auto flex max-w-5xl gap-5 px-4 py-4 text-sm text-slate-500" aria-label="Footer">
              <span>© VideoFly</span>
              <Link href="/docs/api" className="hover:text-indigo-600">
                {tFooter("apiReference")}
              </Link>
            </nav>
          </footer>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
