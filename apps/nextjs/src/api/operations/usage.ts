import { dailyUsageSchemas, usageSchemas } from "@videofly/common";
import { operation } from "@/server/operation";

const tags = ["Usage"];

export const usageSummary = operation({
  method: "GET",
  path: "/usage",
  auth: "session",
  scope: "usage:read",
  query: usageSchemas.summaryQuery,
  response: usageSchemas.usageGroups,
  summary: "Requests, errors, credits and p50/p95 latency of your API keys, per day, key or route",
  tags,
});

export const usageRequests = operation({
  method: "GET",
  path: "/usage/requests",
  auth: "session",
  scope: "usage:read",
  query: usageSchemas.requestsQuery,
  response: usageSchemas.apiRequestPage,
  summary: "Your API keys' requests, newest first",
  tags,
});

export const usageDaily = operation({
  method: "GET",
  path: "/usage/daily",
  auth: "session",
  scope: "usage:read",
  query: dailyUsageSchemas.dailyQuery,
  response: dailyUsageSchemas.dailyUsage,
  summary: "Your activity per UTC day: videos by mode, credits spent, processing time, API calls",
  tags,
});

export const adminUsageSummary = operation({
  method: "GET",
  path: "/admin/usage",
  auth: "admin",
  query: usageSchemas.adminSummaryQuery,
  response: usageSchemas.usageGroups,
  summary: "API usage of every user (or one), per day, key or route",
  tags: ["Admin"],
});

export const adminUsageRequests = operation({
  method: "GET",
  path: "/admin/usage/requests",
  auth: "admin",
  query: usageSchemas.adminRequestsQuery,
  response: usageSchemas.apiRequestPage,
  summary: "Every user's API requests (or one user's), newest first",
  tags: ["Admin"],
});
