"use client";

import { useTranslations } from "next-intl";

/** The event checkboxes of the create form (and of an endpoint being edited). */
export function EventChoice(props: { events: string[]; chosen: Set<string>; onChange: (next: Set<string>) => void }) {
  const t = useTranslations("webhooks");
  function toggle(event: string, on: boolean) {
    const next = new Set(props.chosen);
    if (on) next.add(event);
    else next.delete(event);
    props.onChange(next);
  }
  return (
    <fieldset className="flex flex-col gap-2 text-sm">
      <legend className="mb-1 font-medium">{t("events")}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {props.events.map((event) => (
          <label
            key={event}
            className="flex items-start gap-2 rounded-md border border-border p-2 hover:bg-muted/50 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/40"
          >
            <input
              type="checkbox"
              checked={props.chosen.has(event)}
              onChange={(e) => toggle(event, e.target.checked)}
              className="mt-0.5 accent-primary"
              data-testid={`event-${event}`}
            />
            <span className="flex flex-col">
              <span className="font-mono text-xs font-medium">{event}</span>
              <span className="text-xs text-muted-foreground">{t(`event.${event.replace(".", "_")}`)}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
