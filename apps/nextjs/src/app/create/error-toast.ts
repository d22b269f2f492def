"use client";

import { toast } from "sonner";
import { ApiError, describeError } from "@/lib/api";

interface ErrorToastText {
  failed: string;
  pricing: string;
  shortDescription: string;
  busyDescription: string;
}

/**
 * A failed submit as a toast: the server's own message, and what to do next where there is
 * something to do (too few credits: top up; too many running at once: wait for one to finish).
 */
export function toastSubmitError(error: unknown, text: ErrorToastText, openPricing: () => void) {
  const message = describeError(error, text.failed);
  const code = error instanceof ApiError ? error.code : null;
  if (code === "E4001") {
    toast.error(message, {
      description: text.shortDescription,
      action: { label: text.pricing, onClick: openPricing },
    });
  } else if (code === "E4005") {
    toast.error(message, { description: text.busyDescription });
  } else {
    toast.error(message);
  }
}
