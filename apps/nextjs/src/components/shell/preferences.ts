export const THEME_COOKIE = "vf-theme";
export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];

/** The theme a cookie value names; anything else follows the system. */
export const themeOf = (value: string | undefined): Theme =>
  (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";

/** `collapsed` when the sidebar shows icons only. */
export const SIDEBAR_COOKIE = "vf-sidebar";
