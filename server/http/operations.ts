import { z } from "zod";
import { API_KEY_OPERATIONS } from "@/server/api-keys/operations";
import { AUDIT_LOG_OPERATIONS } from "@/server/audit/operations";
import { AUTH_OPERATIONS } from "@/server/auth/operations";
import { defineOperation, type Operation } from "@/server/core/operation";
import { CREDENTIAL_INVENTORY_OPERATIONS } from "@/server/credentials-inventory/operations";
import { healthSchema } from "@/server/health";
import { INVITATION_OPERATIONS } from "@/server/invitations/operations";
import { LEAK_OPERATIONS } from "@/server/leaks/operations";
import { OAUTH_APP_OPERATIONS } from "@/server/oauth-apps/operations";
import { OAUTH_GRANT_OPERATIONS } from "@/server/oauth-grants/operations";
import { ORGANIZATION_OPERATIONS } from "@/server/organizations/operations";
import { REQUEST_LOG_OPERATIONS } from "@/server/request-logs/operations";
import { SCOPE_OPERATIONS } from "@/server/scopes/operations";
import { STATUS_OPERATIONS } from "@/server/status/operations";
import { TIME_ENTRY_OPERATIONS } from "@/server/time-entries/operations";
import { TOKEN_OPERATIONS } from "@/server/tokens/operations";
import { USAGE_OPERATIONS } from "@/server/usage/operations";
import { ACCOUNT_OPERATIONS } from "@/server/users/account-operations";
import { USER_OPERATIONS } from "@/server/users/operations";
import { WEBHOOK_OPERATIONS } from "@/server/webhooks/operations";

export const openApiOperation = defineOperation({
  method: "GET",
  path: "/openapi.json",
  summary: "OpenAPI document",
  description: "This API as an OpenAPI 3.1 document.",
  scope: "public",
  response: {
    status: 200,
    schema: z.record(z.string(), z.unknown()),
    description: "The document",
    unwrapped: true,
  },
  errors: [],
});

export const healthOperation = defineOperation({
  method: "GET",
  path: "/health",
  summary: "Health",
  description: "Liveness and database readiness, for load balancers and the status page.",
  scope: "public",
  response: {
    status: 200,
    schema: healthSchema,
    description: "The service and its database answer",
    unwrapped: true,
  },
  errors: [],
});

/**
 * Every /api/v1 operation. Each is declared once beside its domain and served by its route
 * through `withApi`; the OpenAPI document, the API reference page and the scope and tenancy
 * tests are all maps over this list.
 */
export const OPERATIONS: readonly Operation[] = [
  ...AUTH_OPERATIONS,
  ...TOKEN_OPERATIONS,
  ...ACCOUNT_OPERATIONS,
  ...USER_OPERATIONS,
  ...INVITATION_OPERATIONS,
  ...ORGANIZATION_OPERATIONS,
  ...TIME_ENTRY_OPERATIONS,
  ...API_KEY_OPERATIONS,
  ...USAGE_OPERATIONS,
  ...OAUTH_APP_OPERATIONS,
  ...OAUTH_GRANT_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...AUDIT_LOG_OPERATIONS,
  ...REQUEST_LOG_OPERATIONS,
  ...CREDENTIAL_INVENTORY_OPERATIONS,
  ...SCOPE_OPERATIONS,
  ...LEAK_OPERATIONS,
  openApiOperation,
  healthOperation,
  ...STATUS_OPERATIONS,
];
