import { ChevronDown } from "lucide-react";

/** Questions and answers as a native accordion: each opens with the keyboard and without script. */
export function Faq({ heading, items }: { heading: string; items: { q: string; a: string }[] }) {
  return (
    <section aria-labelledby="faq-heading" className="flex flex-col gap-4">
      <h2 id="faq-heading" className="text-2xl font-semibold tracking-tight">
        {heading}
      </h2>
      <div className="divide-y rounded-xl border bg-card">
        {items.map((item) => (
          <details key={item.q} className="group px-5 py-1">
            <summary className="flex cursor-pointer list-none items-center justify-between gap-4 rounded-md py-3 font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 [&::-webkit-details-marker]:hidden">
              {item.q}
              <ChevronDown
                className="size-4 shrink-0 text-muted-foreground transition-transform group-open:rotate-180"
                aria-hidden="true"
              />
            </summary>
            <p className="pb-4 text-sm text-muted-foreground">{item.a}</p>
          </details>
        ))}
      </div>
    </section>
  );
}
