import { getSessionIdentity } from "@videofly/auth";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { ProjectList } from "./project-list";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Projects — VideoFly" };

export default async function ProjectsPage() {
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  // Projects belong to an account: without one there is nothing to show, so go and sign in.
  if (!identity) redirect("/sign-in");
  // Its filters live in the URL (useSearchParams), read in the browser.
  return (
    <Suspense>
      <ProjectList />
    </Suspense>
  );
}
