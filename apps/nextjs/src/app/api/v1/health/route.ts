import { AppError } from "@videofly/common";
import { pingDb } from "@videofly/db";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.system.health, async () => {
  if (!(await pingDb())) {
    throw new AppError("SERVICE_UNAVAILABLE", {
      message: "The database is not reachable.",
      details: { database: "down" },
    });
  }
  return { status: "ok", database: "up" };
});
