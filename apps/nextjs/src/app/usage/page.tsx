import { getSessionIdentity } from "@videofly/auth";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { UsageDashboard } from "./usage-dashboard";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Usage — VideoFly", robots: { index: false, follow: false } };

export default async function UsagePage() {
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  // Usage belongs to an account: without one there is nothing to show, so go and sign in.
  if (!identity) redirect("/sign-in");
  return <UsageDashboard />;
}
