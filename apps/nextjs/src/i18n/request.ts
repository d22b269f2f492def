import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE } from "./locales";

// The locale lives in a cookie (set by the language switcher), so URLs stay the same in every language.
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : "en";
  return { locale, messages: (await import(`../../messages/${locale}.json`)).default };
});
