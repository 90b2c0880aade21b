/**
 * The events an endpoint may subscribe to, with what each means. The one list: the API's schema,
 * the dashboard's checkboxes and the OpenAPI document read it.
 */
export const WEBHOOK_EVENTS = {
  "api_key.created": "An API key was created.",
  "api_key.updated": "An API key's name, allowlist, rate limit or scopes changed.",
  "api_key.rotated": "An API key was rotated: a new secret replaces the old one.",
  "api_key.revoked": "An API key was revoked.",
  "api_key.expiring": "An API key expires in 7 days, or in 1 day.",
  "api_key.expired": "An API key reached its expiry date.",
  "api_key.exposed":
    "A key was reported leaked (GitHub secret scanning or a public report) and revoked.",
  "api_key.approved": "An owner or admin approved a member's key awaiting approval.",
  "api_key.denied": "An owner or admin denied a member's key awaiting approval: it is revoked.",
  "api_key.unused_warning":
    "An API key unused for a while will be revoked under the organization's unused-key policy (`revoke_at`).",
  "member.added": "Someone joined the organization.",
  "member.removed": "A member was removed from the organization.",
  "member.role_changed": "A member's role changed.",
  "invitation.created": "Someone was invited to the organization.",
  "oauth_grant.created": "A member authorized a third-party app in the organization.",
  "oauth_grant.revoked": "A third-party app's access was revoked.",
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as [
  WebhookEventType,
  ...WebhookEventType[],
];

/** `webhook.test`, sent by POST /webhooks/{id}/test, whatever the endpoint subscribes to. */
export const TEST_EVENT_TYPE = "webhook.test";
