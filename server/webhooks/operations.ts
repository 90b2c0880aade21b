import { z } from "zod";
import { defineOperation } from "@/server/core/operation";
import { MAX_WEBHOOKS_PER_ORGANIZATION } from "./create-webhook";
import {
  createWebhookSchema,
  deliverySchema,
  listDeliveriesQuerySchema,
  listWebhooksQuerySchema,
  publicWebhookSchema,
  rotateWebhookSecretSchema,
  updateWebhookSchema,
  webhookWithSecretSchema,
} from "./schemas";

const webhookParams = z.object({ id: z.string() });
const deliveryParams = z.object({ id: z.string(), delivery_id: z.string() });

export const listWebhooksOperation = defineOperation({
  method: "GET",
  path: "/webhooks",
  summary: "List webhook endpoints",
  description: "The organization's webhook endpoints, newest first, a page at a time.",
  scope: "read:webhooks",
  query: listWebhooksQuerySchema,
  response: {
    status: 200,
    schema: z.array(publicWebhookSchema),
    description: "A page of endpoints",
    paginated: true,
  },
  errors: [],
});

export const createWebhookOperation = defineOperation({
  method: "POST",
  path: "/webhooks",
  summary: "Add a webhook endpoint",
  description: `Adds an endpoint that receives the events it subscribes to, signed as the Standard Webhooks spec defines (\`webhook-id\`, \`webhook-timestamp\`, \`webhook-signature\`). Its signing secret (\`whsec_…\`) is in \`data.secret\`, shown once. Deliveries are at least once: a 2xx within 10 s counts as delivered, anything else is retried after 5 s, 5 min, 30 min, 2 h, 5 h and 10 h, after which the endpoint is disabled and the owners are emailed. At most ${MAX_WEBHOOKS_PER_ORGANIZATION} endpoints per organization: past that, 409.`,
  scope: "write:webhooks",
  body: createWebhookSchema,
  example: {
    url: "https://hooks.example.com/voltasis",
    events: ["api_key.created", "api_key.revoked", "api_key.exposed"],
    description: "Security alerts to our SIEM",
  },
  response: {
    status: 201,
    schema: webhookWithSecretSchema,
    description: "The endpoint, with its signing secret shown once",
  },
  errors: [409],
});

export const getWebhookOperation = defineOperation({
  method: "GET",
  path: "/webhooks/{id}",
  summary: "Get a webhook endpoint",
  description: "One endpoint of the organization (never its signing secret).",
  scope: "read:webhooks",
  params: webhookParams,
  response: { status: 200, schema: publicWebhookSchema, description: "The endpoint" },
  errors: [404],
});

export const updateWebhookOperation = defineOperation({
  method: "PATCH",
  path: "/webhooks/{id}",
  summary: "Update a webhook endpoint",
  description:
    "Changes any of its `url`, `events` and `description`, or turns it off (`enabled: false`) and on again; enabling it sends the deliveries that waited. Audited with the before and after.",
  scope: "write:webhooks",
  params: webhookParams,
  body: updateWebhookSchema,
  example: { enabled: true },
  response: { status: 200, schema: publicWebhookSchema, description: "The updated endpoint" },
  errors: [404],
});

export const deleteWebhookOperation = defineOperation({
  method: "DELETE",
  path: "/webhooks/{id}",
  summary: "Delete a webhook endpoint",
  description: "Deletes the endpoint and its delivery log; nothing more is sent to it.",
  scope: "write:webhooks",
  params: webhookParams,
  response: {
    status: 200,
    schema: z.object({ id: z.string(), deleted: z.literal(true) }),
    description: "The endpoint is gone",
  },
  errors: [404],
});

export const rotateWebhookSecretOperation = defineOperation({
  method: "POST",
  path: "/webhooks/{id}/rotate-secret",
  summary: "Rotate a webhook signing secret",
  description:
    "A new signing secret in `data.secret`, shown once. The previous one keeps signing beside it for `grace_seconds` (default one day): each delivery then carries two `v1,` signatures, so a receiver verifies with either while it switches.",
  scope: "write:webhooks",
  params: webhookParams,
  body: rotateWebhookSecretSchema,
  example: { grace_seconds: 3600 },
  response: {
    status: 200,
    schema: webhookWithSecretSchema,
    description: "The endpoint with its new secret, shown once",
  },
  errors: [404],
});

export const sendTestWebhookOperation = defineOperation({
  method: "POST",
  path: "/webhooks/{id}/test",
  summary: "Send a test event",
  description:
    "Sends a signed `webhook.test` event to the endpoint now, whatever it subscribes to. It is tried once, not retried; its outcome appears in the delivery log within seconds. A disabled endpoint: 409.",
  scope: "write:webhooks",
  params: webhookParams,
  response: { status: 202, schema: deliverySchema, description: "The delivery, under way" },
  errors: [404, 409],
});

export const listDeliveriesOperation = defineOperation({
  method: "GET",
  path: "/webhooks/{id}/deliveries",
  summary: "List an endpoint's deliveries",
  description:
    "Deliveries of the last 30 days, newest first: the event, its status (`pending`, `delivered`, `failed`), attempts, the last response code and latency, and the body sent.",
  scope: "read:webhooks",
  params: webhookParams,
  query: listDeliveriesQuerySchema,
  response: {
    status: 200,
    schema: z.array(deliverySchema),
    description: "A page of deliveries",
    paginated: true,
  },
  errors: [404],
});

export const resendDeliveryOperation = defineOperation({
  method: "POST",
  path: "/webhooks/{id}/deliveries/{delivery_id}/resend",
  summary: "Resend a delivery",
  description:
    "Sends the delivery's event again now, as a new delivery with the same `webhook-id` and body, so a receiver that already has it can tell. A disabled endpoint: 409.",
  scope: "write:webhooks",
  params: deliveryParams,
  response: { status: 202, schema: deliverySchema, description: "The new delivery, under way" },
  errors: [404, 409],
});

export const WEBHOOK_OPERATIONS = [
  listWebhooksOperation,
  createWebhookOperation,
  getWebhookOperation,
  updateWebhookOperation,
  deleteWebhookOperation,
  rotateWebhookSecretOperation,
  sendTestWebhookOperation,
  listDeliveriesOperation,
  resendDeliveryOperation,
];
