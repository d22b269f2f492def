import { listOutbox, mailConfig } from "@videofly/common";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { appConfig } from "@/config";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Outbox — VideoFly (development)", robots: { index: false } };

// Development only: the mails the app "sent" without an SMTP server, with their links to click.
export default async function DevMailPage() {
  if (appConfig().NODE_ENV === "production") notFound();
  const config = mailConfig();
  if (config.transport !== "outbox") {
    return <p className="text-muted-foreground">Mail goes to the SMTP server in SMTP_URL: nothing is kept here.</p>;
  }
  const mails = await listOutbox(config.dir);
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Outbox</h1>
      <p className="text-sm text-muted-foreground">
        Development mail, newest first, from <code>{config.dir}</code>.
      </p>
      {mails.length === 0 && <p data-testid="outbox-empty">No mail yet. Sign up to get one.</p>}
      {mails.map((mail, index) => (
        <details
          key={mail.id}
          open={index === 0}
          data-testid="outbox-mail"
          className="rounded-xl border border-border bg-card p-4 shadow-xs"
        >
          <summary className="cursor-pointer rounded-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
            <span className="font-medium">{mail.subject}</span>{" "}
            <span className="text-muted-foreground">to {mail.to}</span>{" "}
            <span className="text-xs text-muted-foreground">{mail.date?.toLocaleString() ?? ""}</span>
          </summary>
          <ul className="my-3 flex flex-col gap-1">
            {mail.links.map((link) => (
              <li key={link}>
                <a href={link} className="break-all text-primary underline" data-testid="outbox-link">
                  {link}
                </a>
              </li>
            ))}
          </ul>
          <pre className="whitespace-pre-wrap break-all text-sm text-foreground">{mail.text}</pre>
        </details>
      ))}
    </section>
  );
}
