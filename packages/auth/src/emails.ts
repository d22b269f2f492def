import type { MailMessage } from "@videofly/common";

// The account mails: plain text first (what the outbox logs and tests read), a simple HTML twin.

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function compose(to: string, subject: string, lines: string[], action: { label: string; url: string }): MailMessage {
  const text = `${lines.join("\n\n")}\n\n${action.label}: ${action.url}\n\nIf you did not ask for this, ignore this mail.\n\n— VideoFly\n`;
  const html = [
    '<div style="font-family:sans-serif;max-width:480px">',
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:10px 16px;background:#4f46e5;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>`,
    `<p style="color:#64748b;font-size:13px">Or open this link: ${escapeHtml(action.url)}</p>`,
    '<p style="color:#64748b;font-size:13px">If you did not ask for this, ignore this mail.</p>',
    "</div>",
  ].join("\n");
  return { to, subject, text, html };
}

export const verificationMail = (to: string, url: string, bonusCredits: number) =>
  compose(
    to,
    "Verify your email for VideoFly",
    [
      "Welcome to VideoFly.",
      bonusCredits > 0
        ? `Confirm that this address is yours to activate your account and receive your ${bonusCredits} free credits.`
        : "Confirm that this address is yours to activate your account.",
    ],
    { label: "Verify my email", url },
  );

export const resetPasswordMail = (to: string, url: string) =>
  compose(to, "Reset your VideoFly password", ["Someone asked to reset the password of this VideoFly account."], {
    label: "Choose a new password",
    url,
  });

export const magicLinkMail = (to: string, url: string) =>
  compose(
    to,
    "Your VideoFly sign-in link",
    ["Here is the link to sign in to VideoFly. It works once, for 5 minutes."],
    {
      label: "Sign in",
      url,
    },
  );
