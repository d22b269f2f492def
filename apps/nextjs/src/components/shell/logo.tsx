import Link from "next/link";
import { cn } from "@/lib/utils";

/** The mark and the name, linking `href`; `compact` keeps the name for screen readers only. */
export function Logo({ href, compact = false, className }: { href: string; compact?: boolean; className?: string }) {
  return (
    <Link href={href} className={cn("flex items-center gap-2 text-lg font-semibold tracking-tight", className)}>
      <span
        aria-hidden
        className="grid size-7 shrink-0 place-items-center rounded-md bg-primary text-sm text-primary-foreground"
      >
        V
      </span>
      <span className={cn(compact && "sr-only")}>VideoFly</span>
    </Link>
  );
}
