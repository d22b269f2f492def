import { API_SCOPES, getSessionIdentity } from "@videofly/auth";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ApiKeysManager } from "./api-keys-manager";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "API keys — VideoFly", robots: { index: false, follow: false } };

export default async function ApiKeysPage() {
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  // Keys belong to an account: without one there is nothing to show, so go and sign in.
  if (!identity) redirect("/sign-in");
  return <ApiKeysManager scopes={[...API_SCOPES]} />;
}
