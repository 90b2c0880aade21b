import { z } from "zod";
import { auditEntrySchema } from "@/server/audit/schemas";
import { defineOperation } from "@/server/core/operation";
import {
  apiKeyDetailSchema,
  createApiKeySchema,
  createdApiKeySchema,
  denyApiKeySchema,
  listApiKeysQuerySchema,
  publicApiKeySchema,
  rotateApiKeySchema,
  rotatedApiKeySchema,
  updateApiKeySchema,
} from "./schemas";

const keyParams = z.object({ id: z.string() });

export const listApiKeysOperation = defineOperation({
  method: "GET",
  path: "/api-keys",
  summary: "List API keys",
  description:
    "Keys of the organization, newest first, a page at a time: pass `next_cursor` as `cursor` for the next page. Members see only their own keys. `status=expiring` lists the keys that work now and expire within 7 days.",
  scope: "read:api-keys",
  query: listApiKeysQuerySchema,
  response: {
    status: 200,
    schema: z.array(publicApiKeySchema),
    description: "A page of keys, newest first",
    paginated: true,
  },
  errors: [],
});

export const createApiKeyOperation = defineOperation({
  method: "POST",
  path: "/api-keys",
  summary: "Create an API key",
  description: `Returns the secret in \`data.key\` once; only its SHA-256 hash is stored. A key can only be given scopes its creator holds. \`allowed_ips\` restricts where it works (a call from elsewhere is a 403 naming the address); \`rate_limit_per_minute\` gives it its own limit. Its plan caps the keys in service (free 10, team 100, enterprise 1,000): past the cap, 403 \`plan\` naming the plan with more, or 409 on the largest. Allowlists and own limits need the team plan (403 \`plan\`). The organization's policies may require an expiry within \`max_key_lifetime_days\` (400 on \`expires_at\`), an allowlist on live keys, that only admins create keys (403), or an admin's approval of a member's key (the key is created with \`status: "pending_approval"\` and answers 401 until approved).`,
  scope: "write:api-keys",
  body: createApiKeySchema,
  example: {
    name: "CI/CD Pipeline Key",
    scopes: ["write:api-keys"],
    allowed_ips: ["203.0.113.7", "10.0.0.0/8"],
    rate_limit_per_minute: 120,
  },
  response: { status: 201, schema: createdApiKeySchema, description: "The key, with its secret" },
  errors: [409],
});

export const getApiKeyOperation = defineOperation({
  method: "GET",
  path: "/api-keys/{id}",
  summary: "Get an API key",
  description:
    "One key, with `scopes_used_30d`: which of its scopes it used in the last 30 days (a call answered 2xx uses the scope its route needs; refusals and errors do not), so unused ones can be removed with PATCH.",
  scope: "read:api-keys",
  params: keyParams,
  response: {
    status: 200,
    schema: apiKeyDetailSchema,
    description: "The key and the scopes it used",
  },
  errors: [404],
});

export const updateApiKeyOperation = defineOperation({
  method: "PATCH",
  path: "/api-keys/{id}",
  summary: "Update an API key",
  description:
    "Changes any of the key's name, `allowed_ips`, `rate_limit_per_minute` (null: back to the default) and `scopes`. Scopes can only shrink: a scope the key lacks is a 400 naming it (widening needs a new key). Takes effect on the key's next request; each change is audited with its before and after values.",
  scope: "write:api-keys",
  params: keyParams,
  body: updateApiKeySchema,
  example: {
    name: "Nightly export",
    allowed_ips: ["203.0.113.0/24"],
    rate_limit_per_minute: 60,
  },
  response: { status: 200, schema: publicApiKeySchema, description: "The updated key" },
  errors: [404],
});

export const revokeApiKeyOperation = defineOperation({
  method: "DELETE",
  path: "/api-keys/{id}",
  summary: "Revoke an API key",
  description:
    "Takes effect on the next request. Revoking a revoked key succeeds and changes nothing.",
  scope: "write:api-keys",
  params: keyParams,
  response: { status: 200, schema: publicApiKeySchema, description: "The revoked key" },
  errors: [404],
});

export const rotateApiKeyOperation = defineOperation({
  method: "POST",
  path: "/api-keys/{id}/rotate",
  summary: "Rotate an API key",
  description:
    "Issues a new secret with the same name, owner and scopes. The old key keeps working for `grace_seconds` (0 = revoked now).",
  scope: "write:api-keys",
  params: keyParams,
  body: rotateApiKeySchema,
  example: { grace_seconds: 3600 },
  response: {
    status: 200,
    schema: rotatedApiKeySchema,
    description: "The new key with its secret, and the retired key",
  },
  errors: [404, 409],
});

export const apiKeyAuditTrailOperation = defineOperation({
  method: "GET",
  path: "/api-keys/{id}/audit-log",
  summary: "API key audit trail",
  description:
    "Who created, renamed, rotated or revoked the key, when and from where; newest first.",
  scope: "read:api-keys",
  params: keyParams,
  response: { status: 200, schema: z.array(auditEntrySchema), description: "The entries" },
  errors: [404],
});

export const approveApiKeyOperation = defineOperation({
  method: "POST",
  path: "/api-keys/{id}/approve",
  summary: "Approve a pending API key",
  description:
    "Owners and admins decide the keys members create while the organization requires approval (`require_key_approval`). The key works from its next request; its owner is told by email. A key that is not awaiting approval (already decided, revoked or expired) is a 409. Members get a 403, and so does a platform admin visiting: approving adds a working credential, which only the organization's own owners and admins do.",
  scope: "write:api-keys",
  params: keyParams,
  response: { status: 200, schema: publicApiKeySchema, description: "The approved key" },
  errors: [404, 409],
});

export const denyApiKeyOperation = defineOperation({
  method: "POST",
  path: "/api-keys/{id}/deny",
  summary: "Deny a pending API key",
  description:
    "Refuses a key awaiting approval: it is revoked at once and never works. The optional `reason` (up to 500 characters) is mailed to the key's owner and kept in the audit log. Owners and admins of the organization only (members and visiting platform admins get a 403; a visit can still revoke the key); a key that is not awaiting approval is a 409.",
  scope: "write:api-keys",
  params: keyParams,
  body: denyApiKeySchema,
  example: { reason: "Use the shared CI key instead" },
  response: { status: 200, schema: publicApiKeySchema, description: "The denied, revoked key" },
  errors: [404, 409],
});

export const API_KEY_OPERATIONS = [
  listApiKeysOperation,
  createApiKeyOperation,
  getApiKeyOperation,
  updateApiKeyOperation,
  revokeApiKeyOperation,
  rotateApiKeyOperation,
  apiKeyAuditTrailOperation,
  approveApiKeyOperation,
  denyApiKeyOperation,
];
