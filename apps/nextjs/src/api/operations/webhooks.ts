import { webhookSchemas } from "@videofly/common";
import { operation } from "@/server/operation";

const tags = ["Webhooks"];

export const createWebhook = operation({
  method: "POST",
  path: "/webhooks",
  auth: "session",
  scope: "webhooks:write",
  idempotent: true,
  body: webhookSchemas.createBody,
  status: 201,
  response: webhookSchemas.endpointWithSecret,
  summary: "Register a webhook endpoint (its signing secret is shown once)",
  description: "The URL must be https in production and reach a public address.",
  tags,
});

export const listWebhooks = operation({
  method: "GET",
  path: "/webhooks",
  auth: "session",
  scope: "webhooks:read",
  response: webhookSchemas.endpointList,
  summary: "Your webhook endpoints, newest first",
  tags,
});

export const getWebhook = operation({
  method: "GET",
  path: "/webhooks/{id}",
  auth: "session",
  scope: "webhooks:read",
  params: webhookSchemas.idParams,
  response: webhookSchemas.endpoint,
  summary: "Get a webhook endpoint",
  tags,
  errors: ["NOT_FOUND"],
});

export const updateWebhook = operation({
  method: "PATCH",
  path: "/webhooks/{id}",
  auth: "session",
  scope: "webhooks:write",
  params: webhookSchemas.idParams,
  body: webhookSchemas.updateBody,
  response: webhookSchemas.endpoint,
  summary: "Change a webhook endpoint's URL, events or description, or turn it on or off",
  tags,
  errors: ["NOT_FOUND"],
});

export const deleteWebhook = operation({
  method: "DELETE",
  path: "/webhooks/{id}",
  auth: "session",
  scope: "webhooks:write",
  params: webhookSchemas.idParams,
  response: webhookSchemas.deletedEndpoint,
  summary: "Delete a webhook endpoint and its delivery log",
  tags,
  errors: ["NOT_FOUND"],
});

export const rotateWebhookSecret = operation({
  method: "POST",
  path: "/webhooks/{id}/rotate-secret",
  auth: "session",
  scope: "webhooks:write",
  idempotent: true,
  params: webhookSchemas.idParams,
  response: webhookSchemas.endpointWithSecret,
  summary: "Replace the signing secret (the old one keeps signing beside it for 24 h)",
  tags,
  errors: ["NOT_FOUND"],
});

export const testWebhook = operation({
  method: "POST",
  path: "/webhooks/{id}/test",
  auth: "session",
  scope: "webhooks:write",
  idempotent: true,
  params: webhookSchemas.idParams,
  status: 202,
  response: webhookSchemas.testSent,
  summary: "Send a ping event to this endpoint",
  tags,
  errors: ["NOT_FOUND", "CONFLICT"],
});

export const listWebhookDeliveries = operation({
  method: "GET",
  path: "/webhooks/{id}/deliveries",
  auth: "session",
  scope: "webhooks:read",
  params: webhookSchemas.idParams,
  query: webhookSchemas.deliveriesQuery,
  response: webhookSchemas.deliveryPage,
  summary: "An endpoint's deliveries, newest first, with every attempt",
  tags,
  errors: ["NOT_FOUND"],
});

export const retryWebhookDelivery = operation({
  method: "POST",
  path: "/webhooks/{id}/deliveries/{deliveryId}/retry",
  auth: "session",
  scope: "webhooks:write",
  idempotent: true,
  params: webhookSchemas.deliveryParams,
  status: 202,
  response: webhookSchemas.retryQueued,
  summary: "Deliver an event again, now, with the same event id",
  tags,
  errors: ["NOT_FOUND", "CONFLICT"],
});
