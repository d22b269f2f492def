import { getSessionIdentity } from "@videofly/auth";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { AdminTabs } from "../admin-tabs";
import { AdminBatches } from "./admin-batches";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Batches — Admin — VideoFly", robots: { index: false, follow: false } };

export default async function AdminBatchesPage() {
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  // As /admin: anyone but an admin gets the ordinary 404.
  if (identity?.user.role !== "admin") notFound();
  return (
    <div className="flex flex-col gap-6">
      <AdminTabs current="/admin/batches" />
      <AdminBatches />
    </div>
  );
}
