"use client";

import { useEffect, useRef } from "react";

type ScalarGlobal = { createApiReference: (element: HTMLElement, config: Record<string, unknown>) => unknown };

/**
 * Scalar's interactive reference. The bundle is added by this (nonce-trusted) script, which the
 * page's 'strict-dynamic' policy allows; Scalar's own fonts and request proxy are off, since the
 * policy allows no other origin.
 */
export function ApiReference({ specUrl, scriptUrl }: { specUrl: string; scriptUrl: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const mount = () =>
      (window as unknown as { Scalar: ScalarGlobal }).Scalar.createApiReference(element, {
        url: specUrl,
        withDefaultFonts: false,
        hideClientButton: true,
        telemetry: false,
        agent: { disabled: true },
      });
    const script = document.createElement("script");
    script.src = scriptUrl;
    script.async = true;
    script.addEventListener("load", mount);
    document.head.append(script);
    return () => {
      script.remove();
      element.replaceChildren();
    };
  }, [specUrl, scriptUrl]);
  return <div ref={container} data-testid="api-reference" className="min-h-[80vh]" />;
}
