import { adminSchemas, creditSchemas } from "@videofly/common";
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
  query: adminSchemas.statsQuery,
  response: adminSchemas.adminStats,
  summary: "Sign-ups, active users, videos and credits per day; per model; top spenders",
  tags,
});

export const adminAccessStats = operation({
  method: "GET",
  path: "/admin/video-access/stats",
  auth: "admin",
  query: adminSchemas.accessStatsQuery,
  response: adminSchemas.adminAccessStats,
  summary: "Play, embed and download decisions, allowed and refused, per UTC day",
  tags,
});

export const adminAccessTop = operation({
  method: "GET",
  path: "/admin/video-access/top",
  auth: "admin",
  query: adminSchemas.accessTopQuery,
  response: adminSchemas.adminAccessTop,
  summary: "The 10 videos most often allowed one action over the last days",
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
