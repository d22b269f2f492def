import { listAllApiKeys } from "@videofly/auth";
import { withRequestCounts } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.keys.adminListApiKeys, async ({ query }) => {
  const page = await listAllApiKeys(query);
  return { ...page, items: await withRequestCounts(page.items) };
});
