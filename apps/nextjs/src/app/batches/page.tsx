import { getSessionIdentity } from "@videofly/auth";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { BatchList } from "./batch-list";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Batches — VideoFly" };

export default async function BatchesPage() {
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  // Batches belong to an account: without one there is nothing to show, so go and sign in.
  if (!identity) redirect("/sign-in");
  return <BatchList />;
}
