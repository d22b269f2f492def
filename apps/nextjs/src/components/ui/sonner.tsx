"use client";

import { Toaster as Sonner, type ToasterProps } from "sonner";

/** The toasts' outlet, coloured by the design tokens (so it follows the theme). */
export function Toaster(props: ToasterProps) {
  return (
    <Sonner
      className="toaster group"
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
        } as React.CSSProperties
      }
      {...props}
    />
  );
}
