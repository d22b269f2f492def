import { lastMailTo } from "@videofly/common/testing";
import { inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

/** The newest mail the app sent to `email` whose subject matches, with its first link. */
export const mailTo = (email: string, subject: RegExp) => lastMailTo(inject("mailDir"), email, subject);

export interface Envelope<T = unknown> {
  success: boolean;
  data?: T;
  error?: { code: string; type: string; message: string; details?: unknown; requestId: string };
}

export async function api<T = unknown>(path: string, init: RequestInit = {}) {
  const res = await fetch(`${baseUrl()}${path}`, init);
  const body = (await res.json()) as Envelope<T>;
  return { res, body };
}

/** Signs up over HTTP as a browser would (on the shared app, or `server`) and returns the session cookie. */
export async function signUp(email: string, password = "correct horse battery", server = baseUrl()) {
  const res = await fetch(`${server}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server },
    body: JSON.stringify({ email, password, name: email.split("@")[0] }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { user } = (await res.json()) as { user: { id: string } };
  return { cookie, userId: user.id, password };
}

/**
 * Opens the verification link mailed to `email` (whichever app server sent it), as the browser
 * signed in with `cookie` would; the email is verified, and with it come the bonus and the role.
 */
export async function verifyEmail(email: string, cookie?: string) {
  const { link } = await mailTo(email, /Verify your email/);
  const res = await fetch(link, { redirect: "manual", headers: cookie ? { cookie } : {} });
  if (res.status !== 302) throw new Error(`verification failed: ${res.status} ${await res.text()}`);
  return res;
}

/** Signs up and follows the mailed verification link: a user with the sign-up bonus. */
export async function signUpVerified(email: string, password = "correct horse battery") {
  const session = await signUp(email, password);
  await verifyEmail(email, session.cookie);
  return session;
}

/** The fields a 400 validation error names. */
export function fieldsOf(body: Envelope): string[] {
  const details = body.error?.details as { fields?: { field: string }[] } | undefined;
  return (details?.fields ?? []).map((f) => f.field);
}
