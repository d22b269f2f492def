export { type MailConfig, mailConfig } from "./config.ts";
export { linksIn } from "./links.ts";
export { createMailer, type Mailer, type MailMessage, mailer } from "./mailer.ts";
export { listOutbox, type OutboxMail, readMail } from "./outbox.ts";
