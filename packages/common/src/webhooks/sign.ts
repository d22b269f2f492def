import { Webhook } from "standardwebhooks";

/**
 * The Standard Webhooks headers of one attempt. The timestamp is the attempt's (receivers refuse
 * old ones); the id is the event's, the same on every attempt. During a rotation each secret signs,
 * space-separated, as the specification allows, so a receiver holding either verifies.
 */
export function signatureHeaders(
  input: { msgId: string; body: string; secrets: string[] },
  at: Date = new Date(),
): Record<string, string> {
  const signatures = input.secrets.map((secret) => new Webhook(secret).sign(input.msgId, at, input.body));
  return {
    "webhook-id": input.msgId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
