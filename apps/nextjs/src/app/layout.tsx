import "@fontsource-variable/inter";
import "@fontsource-variable/jetbrains-mono";
import { getSessionIdentity } from "@videofly/auth";
import { mailConfig } from "@videofly/common";
import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AccountControls } from "@/components/shell/account-controls";
import { AppShell } from "@/components/shell/app-shell";
import { SIDEBAR_COOKIE, THEME_COOKIE, themeOf } from "@/components/shell/preferences";
import { SiteFooter } from "@/components/shell/site-footer";
import { SiteHeader } from "@/components/shell/site-header";
import { Toaster } from "@/components/ui/sonner";
import { VerifyEmailBanner } from "@/components/verify-email-banner";
import { appConfig } from "@/config";
import { BARE_PAGE_HEADER } from "@/server/csp";
import "./globals.css";

export const metadata: Metadata = {
  title: "VideoFly — AI video generation",
  description: "Turn a prompt, or an image and a prompt, into a video.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f7f8fc" },
    { media: "(prefers-color-scheme: dark)", color: "#0f1220" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const requestHeaders = await headers();
  const locale = await getLocale();
  const lang = locale === "zh" ? "zh-CN" : "en";
  if (requestHeaders.get(BARE_PAGE_HEADER)) {
    return (
      <html lang={lang}>
        <body>
          <NextIntlClientProvider>{children}</NextIntlClientProvider>
        </body>
      </html>
    );
  }
  const identity = await getSessionIdentity(requestHeaders).catch(() => null);
  const jar = await cookies();
  const theme = themeOf(jar.get(THEME_COOKIE)?.value);
  const t = await getTranslations("shell");
  const devOutbox = appConfig().NODE_ENV !== "production" && mailConfig().transport === "outbox";
  const skip = (
    <a
      href="#main"
      className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
    >
      {t("skipToContent")}
    </a>
  );
  return (
    <html lang={lang} className={theme === "system" ? undefined : theme}>
      <body className="min-h-screen">
        <NextIntlClientProvider>
          {skip}
          {identity ? (
            <AppShell
              admin={identity.user.role === "admin"}
              collapsed={jar.get(SIDEBAR_COOKIE)?.value === "collapsed"}
              account={<AccountControls email={identity.user.email} theme={theme} />}
              banner={
                !identity.user.emailVerified && <VerifyEmailBanner email={identity.user.email} outbox={devOutbox} />
              }
              footer={<SiteFooter />}
            >
              {children}
            </AppShell>
          ) : (
            <div className="flex min-h-screen flex-col">
              <SiteHeader theme={theme} />
              <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
                {children}
              </main>
              <SiteFooter />
            </div>
          )}
          <Toaster position="bottom-right" />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
