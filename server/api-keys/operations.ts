import { z } from "zod";
import { auditEntrySchema } from "@/server/audit/schemas";
import { defineOperation } from "@/server/http/operation";
import { MAX_ACTIVE_KEYS_PER_ORGANIZATION } from "./create-api-key";
import {
  createApiKeySchema,
  createdApiKeySchema,
  listApiKeysQuerySchema,
  publicApiKeySchema,
  rotateApiKeySchema,
  updateApiKeySchema,
} from "./schemas";

const keyParams = z.object({ id: z.string() });

export const listApiKeysOperation = defineOperation({
  method: "GET",
  path: "/api-keys",
  summary: "List API keys",
  description:
    "Keys of the organization, newest first, a page at a time: pass `next_cursor` as `cursor` for the next page. Members see only their own keys.",
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
  description: `Returns the secret in \`data.key\` once; only its SHA-256 hash is stored. A key can only be given scopes its creator holds. An organization has at most ${MAX_ACTIVE_KEYS_PER_ORGANIZATION} active keys: past that, 409.`,
  scope: "write:api-keys",
  body: createApiKeySchema,
  example: { name: "CI/CD Pipeline Key", scopes: ["write:api-keys"] },
  response: { status: 201, schema: createdApiKeySchema, description: "The key, with its secret" },
  errors: [409],
});

export const getApiKeyOperation = defineOperation({
  method: "GET",
  path: "/api-keys/{id}",
  summary: "Get an API key",
  scope: "read:api-keys",
  params: keyParams,
  response: { status: 200, schema: publicApiKeySchema, description: "The key" },
  errors: [404],
});

export const updateApiKeyOperation = defineOperation({
  method: "PATCH",
  path: "/api-keys/{id}",
  summary: "Rename an API key",
  scope: "write:api-keys",
  params: keyParams,
  body: updateApiKeySchema,
  example: { name: "Nightly export" },
  response: { status: 200, schema: publicApiKeySchema, description: "The renamed key" },
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
    schema: createdApiKeySchema.extend({ previous_key: publicApiKeySchema }),
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

export const API_KEY_OPERATIONS = [
  listApiKeysOperation,
  createApiKeyOperation,
  getApiKeyOperation,
  updateApiKeyOperation,
  revokeApiKeyOperation,
  rotateApiKeyOperation,
  apiKeyAuditTrailOperation,
];
