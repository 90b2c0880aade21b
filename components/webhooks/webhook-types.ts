import type { components } from "@/lib/api-schema";
import { WEBHOOK_EVENTS, type WebhookEventType } from "@/server/webhooks/events";

// The JSON shapes of /api/v1/webhooks, as the types generated from the OpenAPI document declare
// them (built from the zod schemas the server validates with), so the pages cannot drift.
type ApiSchemas = components["schemas"];

export type Webhook = ApiSchemas["Webhook"];
export type WebhookDelivery = ApiSchemas["WebhookDelivery"];
export type CreateWebhookInput = ApiSchemas["CreateWebhookRequest"];
export type UpdateWebhookInput = ApiSchemas["UpdateWebhookRequest"];
export type { WebhookEventType };

/** One resource's events, for the checkboxes: `api_key` with its five events, and so on. */
export interface EventGroup {
  resource: string;
  label: string;
  events: { type: WebhookEventType; description: string }[];
}

const RESOURCE_LABELS: Record<string, string> = {
  api_key: "API keys",
  member: "Members",
  invitation: "Invitations",
  oauth_grant: "Third-party apps",
};

/** The event catalogue (server/webhooks/events.ts, its one home) grouped by resource, in order. */
export const EVENT_GROUPS: readonly EventGroup[] = (() => {
  const groups = new Map<string, EventGroup>();
  for (const [type, description] of Object.entries(WEBHOOK_EVENTS)) {
    const resource = type.split(".")[0] ?? type;
    const group = groups.get(resource) ?? {
      resource,
      label: RESOURCE_LABELS[resource] ?? resource,
      events: [],
    };
    group.events.push({ type: type as WebhookEventType, description });
    groups.set(resource, group);
  }
  return [...groups.values()];
})();

export function webhookHref(id: string): string {
  return `/settings/webhooks/${encodeURIComponent(id)}`;
}
