import { getSessionIdentity } from "@videofly/auth";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { AdminDashboard } from "./admin-dashboard";
import { AdminTabs } from "./admin-tabs";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Admin — VideoFly", robots: { index: false, follow: false } };

export default async function AdminPage() {
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  // Anyone but an admin gets the ordinary 404: no hint that this page exists.
  if (identity?.user.role !== "admin") notFound();
  return (
    <div className="flex flex-col gap-6">
      <AdminTabs current="/admin" />
      <AdminDashboard adminEmail={identity.user.email} />
    </div>
  );
}
