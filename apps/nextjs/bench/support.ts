/**
 * What every bench here needs: a database (BENCH_DATABASE_URL or TEST_DATABASE_URL, else an
 * embedded PostgreSQL), an SMTP capture for the verification mail, and the built app on them.
 */
import { lastMailTo, startSmtpCapture } from "@videofly/common/testing";
import { createDatabaseFromTemplate, dropDatabase, startTestDatabaseServer } from "@videofly/db/testing";
import { type AppServer, startAppServer } from "../test/support/app-server.ts";

export interface BenchApp {
  app: AppServer;
  /** Which PostgreSQL the run used, for the report. */
  databaseKind: string;
  /** The app's database, for a bench that seeds or counts rows itself. */
  databaseUrl: string;
  /** Signs a user up over HTTP and follows the mailed link: a verified user, with the bonus. */
  signUpVerified(email: string): Promise<string>;
}

export const out = (line: string) => process.stdout.write(`${line}\n`);

/** Runs `body` against a fresh app and database, and tears both down whatever happens. */
export async function withBenchApp(
  name: string,
  env: Record<string, string>,
  body: (bench: BenchApp) => Promise<void>,
): Promise<void> {
  const databaseKind = process.env.BENCH_DATABASE_URL
    ? "BENCH_DATABASE_URL"
    : process.env.TEST_DATABASE_URL
      ? "TEST_DATABASE_URL"
      : "embedded";
  const database = await startTestDatabaseServer(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
  const smtp = await startSmtpCapture();
  let databaseUrl: string | undefined;
  let app: AppServer | undefined;
  try {
    databaseUrl = await createDatabaseFromTemplate(database.templateUrl, name);
    const started = await startAppServer({ DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, ...env });
    app = started;
    await body({
      app: started,
      databaseKind,
      databaseUrl,
      signUpVerified: (email) => signUpVerified(started.baseUrl, smtp.dir, email),
    });
  } finally {
    await app?.stop();
    if (databaseUrl) await dropDatabase(databaseUrl).catch(() => {});
    await database.stop();
    await smtp.stop();
  }
}

async function signUpVerified(baseUrl: string, mailDir: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password: "correct horse battery", name: email.split("@")[0] }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { link } = await lastMailTo(mailDir, email, /Verify your email/);
  const verified = await fetch(link, { redirect: "manual", headers: { cookie } });
  if (verified.status !== 302) throw new Error(`verification failed: ${verified.status}`);
  return cookie;
}
