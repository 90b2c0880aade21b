import { z } from "zod";
import { WEBHOOK_DELIVERY_STATUSES } from "@/db/schema";
import { pageQuerySchema } from "@/server/core/pagination";
import { destinationProblem } from "./destination-url";
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES } from "./events";

export const WEBHOOK_URL_MAX = 2000;
export const WEBHOOK_DESCRIPTION_MAX = 200;
/** How long a rotated-out secret keeps signing, at most (and by default one day). */
export const ROTATION_GRACE_MAX_SECONDS = 7 * 24 * 3600;
export const ROTATION_GRACE_DEFAULT_SECONDS = 24 * 3600;

const urlSchema = z
  .string({ error: (i) => (i.input === undefined ? "url is required" : "url must be a string") })
  .trim()
  .max(WEBHOOK_URL_MAX, `url must be at most ${WEBHOOK_URL_MAX} characters`)
  .superRefine((url, ctx) => {
    const problem = destinationProblem(url);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({
    description:
      "Where events are POSTed: an https URL on the public internet (private, loopback and link-local destinations are refused, also when the name resolves to one at delivery time).",
    example: "https://hooks.example.com/voltasis",
  });

const eventsSchema = z
  .array(
    z.enum(WEBHOOK_EVENT_TYPES, {
      error: (i) => `unknown event ${JSON.stringify(i.input)}: see the list in the webhooks guide`,
    }),
    { error: "events must be an array of event types" },
  )
  .min(1, "subscribe to at least one event")
  .refine((events) => new Set(events).size === events.length, "events must not repeat")
  .meta({ description: "The event types sent to this endpoint", example: ["api_key.revoked"] });

const descriptionSchema = z
  .string({ error: "description must be a string" })
  .trim()
  .max(WEBHOOK_DESCRIPTION_MAX, `description must be at most ${WEBHOOK_DESCRIPTION_MAX} characters`)
  .nullable();

export const createWebhookSchema = z
  .object({ url: urlSchema, events: eventsSchema, description: descriptionSchema.optional() })
  .meta({ id: "CreateWebhookRequest" });
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .object({
    url: urlSchema.optional(),
    events: eventsSchema.optional(),
    description: descriptionSchema.optional(),
    enabled: z
      .boolean({ error: "enabled must be true or false" })
      .optional()
      .meta({ description: "false stops deliveries; true resumes them, waiting ones included" }),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    "send at least one of url, events, description, enabled",
  )
  .meta({ id: "UpdateWebhookRequest" });
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const rotateWebhookSecretSchema = z
  .object({
    grace_seconds: z
      .number({ error: "grace_seconds must be a number" })
      .int("grace_seconds must be a whole number")
      .min(0, "grace_seconds must be at least 0")
      .max(
        ROTATION_GRACE_MAX_SECONDS,
        `grace_seconds must be at most ${ROTATION_GRACE_MAX_SECONDS}`,
      )
      .optional()
      .meta({
        description:
          "How long the previous secret keeps signing beside the new one (each delivery then carries two signatures); 0 ends it now. Default one day.",
      }),
  })
  .meta({ id: "RotateWebhookSecretRequest" });
export type RotateWebhookSecretInput = z.infer<typeof rotateWebhookSecretSchema>;

export const listWebhooksQuerySchema = pageQuerySchema("we");
export const listDeliveriesQuerySchema = pageQuerySchema("whd");
export type ListWebhooksQuery = z.infer<typeof listWebhooksQuerySchema>;
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuerySchema>;

export const publicWebhookSchema = z
  .object({
    id: z.string().meta({ example: "we_3hT9xQ2mVb7Lk0PzR1aD" }),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    enabled: z.boolean(),
    disabled_reason: z.enum(["manual", "failing"]).nullable().meta({
      description:
        "`manual` (turned off) or `failing` (every attempt of a delivery failed for about a day)",
    }),
    disabled_at: z.iso.datetime().nullable(),
    previous_secret_expires_at: z.iso.datetime().nullable().meta({
      description: "While set and in the future, the rotated-out secret still signs too",
    }),
    created_by: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Webhook" });
export type PublicWebhook = z.infer<typeof publicWebhookSchema>;

export const webhookWithSecretSchema = publicWebhookSchema
  .extend({
    secret: z.string().meta({
      description:
        "The signing secret (`whsec_…`), shown this once: give it to your `standardwebhooks` verifier",
    }),
  })
  .meta({ id: "WebhookWithSecret" });

export const deliverySchema = z
  .object({
    id: z.string().meta({ example: "whd_6f1c2e0b9d8a4f3e8c7b6a5d4e3f2a1b" }),
    webhook_id: z.string(),
    message_id: z.string().meta({
      description: "The `webhook-id` header: the same on every attempt and on a resend",
    }),
    event_type: z.union([z.enum(WEBHOOK_EVENT_TYPES), z.literal(TEST_EVENT_TYPE)]),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    response_status: z.number().int().nullable().meta({
      description: "The last attempt's HTTP status; null when no answer came",
    }),
    latency_ms: z.number().int().nullable(),
    last_error: z.string().nullable(),
    payload: z
      .record(z.string(), z.unknown())
      .meta({ description: "The body sent: type, timestamp, data" }),
    next_attempt_at: z.iso
      .datetime()
      .nullable()
      .meta({ description: "When a pending delivery is tried next" }),
    last_attempt_at: z.iso.datetime().nullable(),
    delivered_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "WebhookDelivery" });
export type PublicDelivery = z.infer<typeof deliverySchema>;
