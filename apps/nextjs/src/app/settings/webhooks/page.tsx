import { getSessionIdentity } from "@videofly/auth";
import { WEBHOOK_EVENT_TYPES } from "@videofly/common";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { WebhooksManager } from "./webhooks-manager";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Webhooks — VideoFly", robots: { index: false, follow: false } };

export default async function WebhooksPage() {
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  // Endpoints belong to an account: without one there is nothing to show, so go and sign in.
  if (!identity) redirect("/sign-in");
  return <WebhooksManager events={[...WEBHOOK_EVENT_TYPES]} />;
}
