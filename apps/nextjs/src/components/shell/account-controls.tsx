import { LanguageSwitcher } from "@/components/language-switcher";
import { SignOutButton } from "@/components/sign-out-button";
import type { Theme } from "./preferences";
import { ThemeSwitch } from "./theme-switch";

/** The sidebar's foot: language, theme, who is signed in and the way out. */
export function AccountControls({ email, theme }: { email: string; theme: Theme }) {
  return (
    <div className="flex flex-col gap-3 border-t pt-4">
      <div className="flex flex-wrap items-center gap-2">
        <LanguageSwitcher />
        <ThemeSwitch initial={theme} />
      </div>
      <p className="truncate text-xs text-muted-foreground" data-testid="signed-in-as" title={email}>
        {email}
      </p>
      <SignOutButton />
    </div>
  );
}
