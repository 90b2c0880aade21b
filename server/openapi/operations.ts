import { z } from "zod";
import { listQuerySchema } from "@/server/accounts/cursor";
import { keyAuditEntrySchema } from "@/server/api-keys/key-audit-trail";
import {
  createApiKeySchema,
  createdApiKeySchema,
  listApiKeysQuerySchema,
  publicApiKeySchema,
  rotateApiKeySchema,
  updateApiKeySchema,
} from "@/server/api-keys/schemas";
import { meSchema } from "@/server/auth/me";
import { healthSchema } from "@/server/health";
import {
  acceptInvitationSchema,
  createdInvitationSchema,
  createInvitationSchema,
  invitationSchema,
} from "@/server/invitations/schemas";
import {
  createOrganizationSchema,
  publicOrganizationSchema,
  updateOrganizationSchema,
} from "@/server/organizations/manage-organizations";
import type { Scope } from "@/server/scopes/catalogue";
import { scopeEntrySchema } from "@/server/scopes/catalogue";
import {
  createTimeEntrySchema,
  listTimeEntriesQuerySchema,
  timeEntrySchema,
} from "@/server/time-entries/schemas";
import {
  createTokenSchema,
  refreshTokenSchema,
  revokedTokenSchema,
  revokeTokenSchema,
  tokenPairSchema,
} from "@/server/tokens/schemas";
import { keyUsageReportSchema, usageQueryParamsSchema } from "@/server/usage/schemas";
import { memberSchema, updateMemberSchema } from "@/server/users/schemas";

/** `{"data":[…],"next_cursor":…}`: the body of a paginated list. */
const pageOf = (item: z.ZodType) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() });

export type HttpMethod = "get" | "post" | "patch" | "delete";

export interface Operation {
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  /** null: any valid credential; "public": no credential at all. */
  scope: Scope | null | "public";
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success status and the schema of `data` in its body. */
  success: { status: 200 | 201; data: z.ZodType; description: string };
  /** The success body is `data`'s schema itself, not wrapped in `{"data": …}`. */
  unwrapped?: true;
  errors: number[];
}

const keyId = "/api-keys/{id}";
const AUTHED_ERRORS = [401, 403, 429];

/** Every /api/v1 operation: the OpenAPI document and the API reference page are built from it. */
export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/auth/me",
    summary: "Who am I",
    description: "The user, organization, role and scopes behind the credential.",
    scope: null,
    success: { status: 200, data: meSchema, description: "The authenticated principal" },
    errors: AUTHED_ERRORS,
  },
  {
    method: "post",
    path: "/auth/token",
    summary: "Log in for tokens",
    description:
      "Email and password for an access token (`vlt_at_…`, 24 hours) and a refresh token (`vlt_rt_…`, 30 days). Wrong password and unknown email get the same 401.",
    scope: "public",
    body: createTokenSchema,
    success: { status: 200, data: tokenPairSchema, description: "A new token pair" },
    errors: [400, 401, 403, 415, 429],
  },
  {
    method: "post",
    path: "/auth/refresh",
    summary: "Refresh tokens",
    description:
      "Exchanges a refresh token for a new pair; the old refresh token is spent. Presenting a spent refresh token again revokes every token of its login.",
    scope: "public",
    body: refreshTokenSchema,
    success: { status: 200, data: tokenPairSchema, description: "A new token pair" },
    errors: [400, 401, 415, 429],
  },
  {
    method: "post",
    path: "/auth/revoke",
    summary: "Revoke a token",
    description:
      "Revokes an access token, or a refresh token with every token of its login. Idempotent; unknown tokens succeed too.",
    scope: "public",
    body: revokeTokenSchema,
    success: { status: 200, data: revokedTokenSchema, description: "Revoked" },
    errors: [400, 415, 429],
  },
  {
    method: "get",
    path: "/users",
    summary: "List members",
    description: "Members of the current organization.",
    scope: "read:users",
    success: { status: 200, data: z.array(memberSchema), description: "The members" },
    errors: AUTHED_ERRORS,
  },
  {
    method: "get",
    path: "/users/{id}",
    summary: "Get a member",
    scope: "read:users",
    success: { status: 200, data: memberSchema, description: "The member" },
    errors: [...AUTHED_ERRORS, 404],
  },
  {
    method: "patch",
    path: "/users/{id}",
    summary: "Change a member's role",
    description:
      "Admins set member or admin; only owners grant or take away owner. The last owner cannot be demoted (409). Applies on the member's next request.",
    scope: "write:users",
    body: updateMemberSchema,
    success: { status: 200, data: memberSchema, description: "The member with the new role" },
    errors: [400, ...AUTHED_ERRORS, 404, 409],
  },
  {
    method: "get",
    path: "/invitations",
    summary: "List pending invitations",
    description: "Pending invitations of the organization, newest first; never a token or link.",
    scope: "read:users",
    query: listQuerySchema,
    success: { status: 200, data: pageOf(invitationSchema), description: "One page" },
    unwrapped: true,
    errors: [400, ...AUTHED_ERRORS],
  },
  {
    method: "post",
    path: "/invitations",
    summary: "Invite someone",
    description:
      "The link in `url` is shown this once; it is valid for 7 days and for one use. Owners invite owners; admins invite admins and members.",
    scope: "write:users",
    body: createInvitationSchema,
    success: { status: 201, data: createdInvitationSchema, description: "The invitation" },
    errors: [400, ...AUTHED_ERRORS, 409, 413, 415],
  },
  {
    method: "delete",
    path: "/invitations/{id}",
    summary: "Revoke an invitation",
    scope: "write:users",
    success: { status: 200, data: invitationSchema, description: "The revoked invitation" },
    errors: [...AUTHED_ERRORS, 404],
  },
  {
    method: "post",
    path: "/invitations/accept",
    summary: "Accept an invitation",
    description:
      "A new email needs `name` and a password (12+ characters, not common); an existing account gives its own password. Answers a token pair like POST /auth/token. A used, expired or revoked invitation is a 404.",
    scope: "public",
    body: acceptInvitationSchema,
    success: { status: 200, data: tokenPairSchema, description: "Tokens for the new member" },
    errors: [400, 401, 404, 409, 413, 415, 429],
  },
  {
    method: "get",
    path: "/organizations",
    summary: "List organizations",
    description: "The caller's organizations; with admin:organizations, every organization.",
    scope: null,
    query: listQuerySchema,
    success: { status: 200, data: pageOf(publicOrganizationSchema), description: "One page" },
    unwrapped: true,
    errors: [400, ...AUTHED_ERRORS],
  },
  {
    method: "post",
    path: "/organizations",
    summary: "Create an organization",
    description: "User tokens and sessions only, never API keys (403). The caller becomes owner.",
    scope: null,
    body: createOrganizationSchema,
    success: { status: 201, data: publicOrganizationSchema, description: "The organization" },
    errors: [400, ...AUTHED_ERRORS, 413, 415],
  },
  {
    method: "patch",
    path: "/organizations/{id}",
    summary: "Rename an organization",
    description: "Owners and admins of the organization.",
    scope: null,
    body: updateOrganizationSchema,
    success: { status: 200, data: publicOrganizationSchema, description: "The organization" },
    errors: [400, ...AUTHED_ERRORS, 404, 413, 415],
  },
  {
    method: "delete",
    path: "/users/{id}",
    summary: "Remove a member",
    description:
      "Removes the user from the organization: their API keys and tokens for it stop working on the next request. Only owners remove owners; the last owner cannot be removed.",
    scope: "write:users",
    success: {
      status: 200,
      data: memberSchema.extend({ removed: z.literal(true) }),
      description: "The member that was removed",
    },
    errors: [...AUTHED_ERRORS, 404, 409],
  },
  {
    method: "get",
    path: "/time-entries",
    summary: "List time entries",
    description: "The organization's time entries, newest first.",
    scope: "read:time-entries",
    query: listTimeEntriesQuerySchema,
    success: { status: 200, data: z.array(timeEntrySchema), description: "The entries" },
    errors: [400, ...AUTHED_ERRORS],
  },
  {
    method: "post",
    path: "/time-entries",
    summary: "Create a time entry",
    description: "Records time as the authenticated user.",
    scope: "write:time-entries",
    body: createTimeEntrySchema,
    success: { status: 201, data: timeEntrySchema, description: "The new entry" },
    errors: [400, ...AUTHED_ERRORS, 413, 415],
  },
  {
    method: "get",
    path: "/api-keys",
    summary: "List API keys",
    description: "Keys of the organization; members see only their own keys.",
    scope: "read:api-keys",
    query: listApiKeysQuerySchema,
    success: {
      status: 200,
      data: z.array(publicApiKeySchema),
      description: "The keys, newest first",
    },
    errors: [400, ...AUTHED_ERRORS],
  },
  {
    method: "post",
    path: "/api-keys",
    summary: "Create an API key",
    description:
      "Returns the secret in `data.key` once; only its SHA-256 hash is stored. A key can only be given scopes its creator holds.",
    scope: "write:api-keys",
    body: createApiKeySchema,
    success: { status: 201, data: createdApiKeySchema, description: "The key, with its secret" },
    errors: [400, ...AUTHED_ERRORS, 413, 415],
  },
  {
    method: "get",
    path: keyId,
    summary: "Get an API key",
    scope: "read:api-keys",
    success: { status: 200, data: publicApiKeySchema, description: "The key" },
    errors: [...AUTHED_ERRORS, 404],
  },
  {
    method: "patch",
    path: keyId,
    summary: "Rename an API key",
    scope: "write:api-keys",
    body: updateApiKeySchema,
    success: { status: 200, data: publicApiKeySchema, description: "The renamed key" },
    errors: [400, ...AUTHED_ERRORS, 404, 415],
  },
  {
    method: "delete",
    path: keyId,
    summary: "Revoke an API key",
    description:
      "Takes effect on the next request. Revoking a revoked key succeeds and changes nothing.",
    scope: "write:api-keys",
    success: { status: 200, data: publicApiKeySchema, description: "The revoked key" },
    errors: [...AUTHED_ERRORS, 404],
  },
  {
    method: "post",
    path: `${keyId}/rotate`,
    summary: "Rotate an API key",
    description:
      "Issues a new secret with the same name and scopes. The old key keeps working for `grace_seconds` (0 = revoked now).",
    scope: "write:api-keys",
    body: rotateApiKeySchema,
    success: {
      status: 200,
      data: createdApiKeySchema.extend({ previous_key: publicApiKeySchema }),
      description: "The new key with its secret, and the retired key",
    },
    errors: [400, ...AUTHED_ERRORS, 404, 409],
  },
  {
    method: "get",
    path: `${keyId}/audit-log`,
    summary: "API key audit trail",
    description:
      "Who created, renamed, rotated or revoked the key, when and from where; newest first.",
    scope: "read:api-keys",
    success: { status: 200, data: z.array(keyAuditEntrySchema), description: "The entries" },
    errors: [...AUTHED_ERRORS, 404],
  },
  {
    method: "get",
    path: `${keyId}/usage`,
    summary: "API key usage",
    description:
      "Request counts over time by status class (2xx/4xx/5xx, 429s counted apart) and the busiest routes.",
    scope: "read:api-keys",
    query: usageQueryParamsSchema,
    success: { status: 200, data: keyUsageReportSchema, description: "Totals, series and routes" },
    errors: [400, ...AUTHED_ERRORS, 404],
  },
  {
    method: "get",
    path: "/scopes",
    summary: "List scopes",
    description: "The scope catalogue, with what the current credential holds.",
    scope: null,
    success: { status: 200, data: z.array(scopeEntrySchema), description: "The catalogue" },
    errors: AUTHED_ERRORS,
  },
  {
    method: "get",
    path: "/openapi.json",
    summary: "OpenAPI document",
    description: "This API as an OpenAPI 3.1 document.",
    scope: "public",
    success: { status: 200, data: z.record(z.string(), z.unknown()), description: "The document" },
    unwrapped: true,
    errors: [429],
  },
  {
    method: "get",
    path: "/health",
    summary: "Health",
    description: "Liveness and database readiness, for load balancers and the status page.",
    scope: "public",
    success: {
      status: 200,
      data: healthSchema,
      description: "The service and its database answer",
    },
    unwrapped: true,
    errors: [429, 503],
  },
];
