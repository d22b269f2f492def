import { startSmtpCapture } from "@videofly/common/testing";
import { createDatabaseFromTemplate, dropDatabase, startTestDatabaseServer } from "@videofly/db/testing";
import type { TestProject } from "vitest/node";
import { startAppServer, TEST_SECRETS } from "./app-server";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
    /** The shared app server's database, for tests that check or disturb it directly. */
    appDatabaseUrl: string;
    baseUrl: string;
    serverLogFile: string;
    /** Emails in ADMIN_EMAILS, one per test file that needs an admin (a user signs up once). */
    adminEmails: string[];
    /** The SMTP server every app server sends its mail to, and the directory it writes each one to. */
    smtpUrl: string;
    mailDir: string;
  }
}

const ADMIN_EMAILS = [
  "admin@videofly.test",
  "credits-admin@videofly.test",
  "cursors-admin@videofly.test",
  "keys-admin@videofly.test",
  "accounts-admin@videofly.test",
  "platform-admin@videofly.test",
  "grants-admin@videofly.test",
  "usage-admin@videofly.test",
];

// One database server, one SMTP server, and one running app (`next start` on the built app) shared
// by the HTTP tests.
export default async function setup(project: TestProject) {
  const smtp = await startSmtpCapture();
  const database = await startTestDatabaseServer(process.env.TEST_DATABASE_URL);
  const appDatabaseUrl = await createDatabaseFromTemplate(database.templateUrl, "vf_app");
  const app = await startAppServer({
    DATABASE_URL: appDatabaseUrl,
    ADMIN_EMAILS: ADMIN_EMAILS.join(","),
    LOG_LEVEL: "info",
    CREEM_WEBHOOK_SECRET: TEST_SECRETS.CREEM_WEBHOOK_SECRET,
    SMTP_URL: smtp.url,
    // As behind one proxy: the address a key's allowedIps are checked against is X-Forwarded-For's last.
    TRUSTED_PROXY_HOPS: "1",
  });

  project.provide("templateDatabaseUrl", database.templateUrl);
  project.provide("appDatabaseUrl", appDatabaseUrl);
  project.provide("baseUrl", app.baseUrl);
  project.provide("serverLogFile", app.logFile);
  project.provide("adminEmails", ADMIN_EMAILS);
  project.provide("smtpUrl", smtp.url);
  project.provide("mailDir", smtp.dir);

  return async () => {
    await app.stop();
    await dropDatabase(appDatabaseUrl).catch(() => {});
    await database.stop();
    await smtp.stop();
  };
}
