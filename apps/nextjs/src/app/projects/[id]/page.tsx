import { getSessionIdentity } from "@videofly/auth";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ProjectView } from "./project-view";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Project — VideoFly", robots: { index: false, follow: false } };

export default async function ProjectPage() {
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  // As /projects: a project is its owner's, so without an account go and sign in.
  if (!identity) redirect("/sign-in");
  return <ProjectView />;
}
