"use client";

import { useEffect, useRef } from "react";

type ScalarInstance = { destroy: () => void };
type ScalarGlobal = { createApiReference: (element: HTMLElement, config: Record<string, unknown>) => ScalarInstance };
const scalar = () => (window as unknown as { Scalar?: ScalarGlobal }).Scalar;

/**
 * Scalar's default theme has grey text, method labels and code literals below WCAG AA contrast
 * (4.5:1) on its own backgrounds (axe: color-contrast); these replace them with darker shades in
 * light mode and lighter ones in dark mode. The html prefix outweighs Scalar's own `.light-mode`
 * rules, including its display-p3 ones.
 */
const CONTRAST_CSS = `
:is(html.light-mode, html .light-mode) {
  --scalar-color-2: #5f5f5f;
  --scalar-color-3: #6b6b6b;
  --scalar-color-green: #047857;
  --scalar-color-red: #b91c1c;
  --scalar-color-yellow: #854d0e;
  --scalar-color-blue: #1d4ed8;
  --scalar-color-orange: #c2410c;
}
:is(html.dark-mode, html .dark-mode) {
  --scalar-color-3: #9a9a9a;
  --scalar-color-red: #f87171;
}
`;

/** Adds Scalar's bundle once per page, however often the effect runs. */
function loadScalar(scriptUrl: string): Promise<ScalarGlobal> {
  const loaded = scalar();
  if (loaded) return Promise.resolve(loaded);
  let script = document.querySelector<HTMLScriptElement>(`script[data-scalar="${scriptUrl}"]`);
  if (!script) {
    script = document.createElement("script");
    script.src = scriptUrl;
    script.async = true;
    script.dataset.scalar = scriptUrl;
    document.head.append(script);
  }
  const pending = script;
  return new Promise((resolve, reject) => {
    pending.addEventListener("load", () => {
      const ready = scalar();
      if (ready) resolve(ready);
      else reject(new Error("Scalar's bundle did not define window.Scalar"));
    });
    pending.addEventListener("error", () => reject(new Error(`could not load ${scriptUrl}`)));
  });
}

/**
 * Scalar's interactive reference. The bundle is added by this (nonce-trusted) script, which the
 * page's 'strict-dynamic' policy allows; Scalar's own fonts and request proxy are off, since the
 * policy allows no other origin. Scalar renders into an element React does not own, and is
 * destroyed on cleanup: React runs effects twice in development, and two instances on one element
 * break each other.
 */
export function ApiReference({ specUrl, scriptUrl }: { specUrl: string; scriptUrl: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = container.current;
    if (!host) return;
    const target = document.createElement("div");
    host.append(target);
    let instance: ScalarInstance | undefined;
    let cancelled = false;
    loadScalar(scriptUrl).then(
      (global) => {
        if (cancelled) return;
        instance = global.createApiReference(target, {
          url: specUrl,
          withDefaultFonts: false,
          hideClientButton: true,
          telemetry: false,
          agent: { disabled: true },
          customCss: CONTRAST_CSS,
        });
      },
      (error: unknown) => console.error(error),
    );
    return () => {
      cancelled = true;
      instance?.destroy();
      target.remove();
    };
  }, [specUrl, scriptUrl]);
  return <div ref={container} data-testid="api-reference" className="min-h-[80vh]" />;
}
