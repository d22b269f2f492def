import { adminSchemas, creditSchemas } from "@videofly/common";
import { z } from "zod";
import { operation } from "@/server/operation";

const tags = ["Admin"];

export const adminAdjustCredits = operation({
  method: "POST",
  path: "/admin/credits",
  auth: "admin",
  idempotent: true,
  body: creditSchemas.adminCreditsBody,
  response: creditSchemas.adjustResult,
  status: 201,
  summary: "Grant or take back credits",
  tags,
  errors: ["INSUFFICIENT_CREDITS", "NOT_FOUND"],
});

export const adminStats = operation({
  method: "GET",
  path: "/admin/stats",
  auth: "admin",
  query: z.object({ days: z.coerce.number().int().min(1).max(90).default(14) }),
  response: adminSchemas.adminStats,
  summary: "Sign-ups, generations and credits per day",
  tags,
});

export const adminUsers = operation({
  method: "GET",
  path: "/admin/users",
  auth: "admin",
  query: adminSchemas.usersQuery,
  response: adminSchemas.adminUserPage,
  summary: "Users with their balances",
  tags,
});
