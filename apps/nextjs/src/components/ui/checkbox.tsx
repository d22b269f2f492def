import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/**
 * A native checkbox in the design's colours: labels, forms, the keyboard and assistive technology
 * treat it as the platform's own (the focus ring is the global :focus-visible one).
 */
export function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <input
      type="checkbox"
      data-slot="checkbox"
      className={cn("size-4 shrink-0 cursor-pointer accent-primary disabled:cursor-not-allowed", className)}
      {...props}
    />
  );
}

/** A radio button in the same style; its group is its `name` (or a fieldset around it). */
export function Radio({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <input
      type="radio"
      data-slot="radio"
      className={cn("size-4 shrink-0 cursor-pointer accent-primary disabled:cursor-not-allowed", className)}
      {...props}
    />
  );
}

/**
 * An on/off switch: a native checkbox with the switch role, drawn as a track and a thumb.
 * (`appearance-none` lets the input draw its own ::before.)
 */
export function Switch({
  className,
  checked,
  ...props
}: Omit<ComponentProps<"input">, "type" | "role" | "checked"> & { checked: boolean }) {
  return (
    <input
      type="checkbox"
      role="switch"
      checked={checked}
      aria-checked={checked}
      data-slot="switch"
      className={cn(
        "relative h-5 w-9 shrink-0 cursor-pointer appearance-none rounded-full bg-input transition-colors checked:bg-primary disabled:cursor-not-allowed disabled:opacity-50",
        "before:absolute before:top-0.5 before:left-0.5 before:size-4 before:rounded-full before:bg-background before:shadow-sm before:transition-transform checked:before:translate-x-4",
        className,
      )}
      {...props}
    />
  );
}

export interface CheckboxOption {
  value: string;
  description: string;
}

/**
 * A set of options chosen independently, each a bordered card with its value (in the mono face:
 * scopes, event names) and what it means. `testIdPrefix` + value names each checkbox for tests.
 */
export function CheckboxGroup(props: {
  legend: string;
  options: CheckboxOption[];
  chosen: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  testIdPrefix: string;
}) {
  function toggle(value: string, on: boolean) {
    const next = new Set(props.chosen);
    if (on) next.add(value);
    else next.delete(value);
    props.onChange(next);
  }
  return (
    <fieldset className="flex flex-col gap-2 text-sm">
      <legend className="mb-1 font-medium">{props.legend}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {props.options.map(({ value, description }) => (
          <label
            key={value}
            className="flex items-start gap-2 rounded-md border border-border p-2 hover:bg-muted/50 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/40"
          >
            <Checkbox
              checked={props.chosen.has(value)}
              onChange={(e) => toggle(value, e.target.checked)}
              className="mt-0.5"
              data-testid={`${props.testIdPrefix}${value}`}
            />
            <span className="flex flex-col">
              <span className="font-mono text-xs font-medium">{value}</span>
              <span className="text-xs text-muted-foreground">{description}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
