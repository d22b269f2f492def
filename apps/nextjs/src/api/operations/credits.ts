import { billingSchemas, creditSchemas } from "@videofly/common";
import { operation } from "@/server/operation";

const tags = ["Credits"];

export const creditBalance = operation({
  method: "GET",
  path: "/credit/balance",
  auth: "session",
  scope: "credits:read",
  response: creditSchemas.balance,
  summary: "Your available, held and total credits",
  tags,
});

export const creditHistory = operation({
  method: "GET",
  path: "/credit/history",
  auth: "session",
  scope: "credits:read",
  query: creditSchemas.historyQuery,
  response: creditSchemas.ledgerPage,
  summary: "Your credit ledger, newest first",
  tags,
});

export const creditPackages = operation({
  method: "GET",
  path: "/credit/packages",
  auth: "session",
  scope: "credits:read",
  query: creditSchemas.packagesQuery,
  response: creditSchemas.creditPackagePage,
  summary: "Your credit packages, in the order they are spent",
  tags,
});

export const creditAlerts = operation({
  method: "GET",
  path: "/credit/alerts",
  auth: "session",
  scope: "credits:read",
  response: creditSchemas.alerts,
  summary: "When credits.low is sent",
  tags,
});

export const setCreditAlerts = operation({
  method: "PATCH",
  path: "/credit/alerts",
  auth: "session",
  scope: "webhooks:write",
  body: creditSchemas.alerts,
  response: creditSchemas.alerts,
  summary: "Set the balance below which credits.low is sent",
  tags,
});

export const billingOverview = operation({
  method: "GET",
  path: "/user/billing",
  auth: "session",
  scope: "credits:read",
  response: billingSchemas.billingOverview,
  summary: "Your subscription and purchases",
  tags: ["Billing"],
});
