import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils";

export function Card({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="card"
      className={cn("flex flex-col gap-4 rounded-xl border bg-card py-5 text-card-foreground shadow-xs", className)}
      {...props}
    />
  );
}

export function CardHeader({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="card-header" className={cn("grid gap-1.5 px-5", className)} {...props} />;
}

export function CardTitle({ className, ...props }: ComponentProps<"h2">) {
  return <h2 data-slot="card-title" className={cn("font-semibold leading-none", className)} {...props} />;
}

export function CardDescription({ className, ...props }: ComponentProps<"p">) {
  return <p data-slot="card-description" className={cn("text-sm text-muted-foreground", className)} {...props} />;
}

export function CardContent({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="card-content" className={cn("px-5", className)} {...props} />;
}

export function CardFooter({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="card-footer" className={cn("flex items-center px-5", className)} {...props} />;
}

/**
 * A card that is a named region of its page: its title (an h2 with `id`) names it for assistive
 * technology, the description sits under the title and the children are its content.
 */
export function SectionCard(props: {
  id: string;
  title: ReactNode;
  description?: ReactNode;
  className?: string;
  sectionClassName?: string;
  contentClassName?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={props.id} className={props.sectionClassName}>
      <Card className={props.className}>
        <CardHeader>
          <CardTitle id={props.id} className="text-lg">
            {props.title}
          </CardTitle>
          {props.description && <CardDescription>{props.description}</CardDescription>}
        </CardHeader>
        <CardContent className={props.contentClassName}>{props.children}</CardContent>
      </Card>
    </section>
  );
}
