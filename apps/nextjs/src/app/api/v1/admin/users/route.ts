import { listUsersWithBalances } from "@videofly/common";
import { z } from "zod";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

const usersQuery = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = defineRoute({ auth: "admin", query: usersQuery }, async ({ query }) => ({
  items: await listUsersWithBalances({ query: query.q || undefined, limit: query.limit }),
}));
