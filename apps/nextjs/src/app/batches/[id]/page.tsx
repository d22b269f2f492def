import { getSessionIdentity } from "@videofly/auth";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { BatchView } from "./batch-view";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Batch — VideoFly", robots: { index: false, follow: false } };

export default async function BatchPage() {
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  // As /batches: a batch is its owner's, so without an account go and sign in.
  if (!identity) redirect("/sign-in");
  return <BatchView />;
}
