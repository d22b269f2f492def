import { adminStats } from "@videofly/common";
import { z } from "zod";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

const statsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(14) });

export const GET = defineRoute({ auth: "admin", query: statsQuery }, async ({ query }) =>
  adminStats({ days: query.days }),
);
