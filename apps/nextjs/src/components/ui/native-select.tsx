import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";
import { fieldClasses } from "./input";

/** The platform's <select>, dressed: keyboard, screen readers and mobile pickers work as they do natively. */
export function NativeSelect({ className, ...props }: ComponentProps<"select">) {
  return (
    <select data-slot="native-select" className={cn(fieldClasses, "h-9 w-auto py-1 pr-8", className)} {...props} />
  );
}
