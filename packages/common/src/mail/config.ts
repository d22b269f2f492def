import path from "node:path";
import { configAccessor } from "@videofly/db";
import { z } from "zod";
import { workspaceRoot } from "../workspace.ts";

const DEVELOPMENT_FROM = "VideoFly <no-reply@localhost>";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^/\s]+/, "SMTP_URL must be an smtp:// or smtps:// URL")
      .optional(),
    MAIL_FROM: z.string().min(3).optional(),
    /** Without SMTP_URL, outside production: where each mail is written as an .eml file. */
    MAIL_OUTBOX_DIR: z.string().default(".data/mail"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    if (!env.SMTP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message: "SMTP_URL is required in production (verification, password-reset and sign-in mails)",
      });
    }
    if (!env.MAIL_FROM) {
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_FROM"],
        message: 'MAIL_FROM is required in production (e.g. "VideoFly <no-reply@example.com>")',
      });
    }
  })
  .transform((env) =>
    env.SMTP_URL
      ? { transport: "smtp" as const, url: env.SMTP_URL, from: env.MAIL_FROM ?? DEVELOPMENT_FROM }
      : {
          transport: "outbox" as const,
          dir: path.resolve(workspaceRoot(), env.MAIL_OUTBOX_DIR),
          from: env.MAIL_FROM ?? DEVELOPMENT_FROM,
        },
  );

export type MailConfig = z.output<typeof schema>;

export const mailConfig = configAccessor("mail", schema);
