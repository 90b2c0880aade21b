import { z } from "zod";
import { defineOperation } from "@/server/core/operation";
import { appUsageReportSchema, usageQuerySchema } from "@/server/usage/schemas";
import { MAX_CLIENT_SECRETS } from "./create-client-secret";
import { MAX_OAUTH_APPS_PER_ORGANIZATION } from "./create-oauth-app";
import {
  createdClientSecretSchema,
  createdOAuthAppSchema,
  createOAuthAppSchema,
  listOAuthAppsQuerySchema,
  publicOAuthAppSchema,
  updateOAuthAppSchema,
} from "./schemas";

const appParams = z.object({ id: z.string() });
const secretParams = z.object({ id: z.string(), secret_id: z.string() });

export const listOAuthAppsOperation = defineOperation({
  method: "GET",
  path: "/oauth-apps",
  summary: "List OAuth apps",
  description:
    "The third-party apps (OAuth clients) the organization registered, newest first, a page at a time. Apps registered dynamically (RFC 7591) belong to no organization and are not listed.",
  scope: "read:oauth-apps",
  query: listOAuthAppsQuerySchema,
  response: {
    status: 200,
    schema: z.array(publicOAuthAppSchema),
    description: "A page of apps, newest first",
    paginated: true,
  },
  errors: [],
});

export const createOAuthAppOperation = defineOperation({
  method: "POST",
  path: "/oauth-apps",
  summary: "Register an OAuth app",
  description: `Registers a third-party app; its \`client_id\` is its id. A \`confidential\` app (a server that can keep a secret) gets its first client secret in \`data.client_secret\`, shown once; only its SHA-256 hash is stored. A \`public\` app (a browser, mobile or command-line app) has no secret and authenticates with PKCE alone. An organization has at most ${MAX_OAUTH_APPS_PER_ORGANIZATION} apps: past that, 409.`,
  scope: "write:oauth-apps",
  body: createOAuthAppSchema,
  example: {
    name: "Timesheet Sync",
    redirect_uris: ["https://sync.example.com/oauth/callback"],
    client_type: "confidential",
    homepage_url: "https://sync.example.com",
  },
  response: {
    status: 201,
    schema: createdOAuthAppSchema,
    description: "The app, with a confidential app's client secret",
  },
  errors: [409],
});

export const getOAuthAppOperation = defineOperation({
  method: "GET",
  path: "/oauth-apps/{id}",
  summary: "Get an OAuth app",
  description: "One app of the organization, with its live client secrets (never their values).",
  scope: "read:oauth-apps",
  params: appParams,
  response: { status: 200, schema: publicOAuthAppSchema, description: "The app" },
  errors: [404],
});

export const updateOAuthAppOperation = defineOperation({
  method: "PATCH",
  path: "/oauth-apps/{id}",
  summary: "Update an OAuth app",
  description:
    "Changes any of its name, `homepage_url` and `redirect_uris`; each change is audited with its before and after. A redirect URI removed is refused from the next authorization request. The client type cannot change: register a new app.",
  scope: "write:oauth-apps",
  params: appParams,
  body: updateOAuthAppSchema,
  example: { redirect_uris: ["https://sync.example.com/oauth/callback-v2"] },
  response: { status: 200, schema: publicOAuthAppSchema, description: "The updated app" },
  errors: [404],
});

export const deleteOAuthAppOperation = defineOperation({
  method: "DELETE",
  path: "/oauth-apps/{id}",
  summary: "Delete an OAuth app",
  description:
    "Deletes the app with its secrets, and revokes every grant users gave it and every token it holds: they are refused from the next request, on every instance.",
  scope: "write:oauth-apps",
  params: appParams,
  response: {
    status: 200,
    schema: z.object({ id: z.string(), deleted: z.literal(true) }),
    description: "The app is gone",
  },
  errors: [404],
});

export const createClientSecretOperation = defineOperation({
  method: "POST",
  path: "/oauth-apps/{id}/secrets",
  summary: "Create a client secret",
  description: `A new client secret for a confidential app, in \`data.client_secret\`, shown once. An app has at most ${MAX_CLIENT_SECRETS} live secrets, so that it can rotate with no downtime: create the new one, deploy it, then delete the old one. A third is a 409, and so is a public app (it has none).`,
  scope: "write:oauth-apps",
  params: appParams,
  response: {
    status: 201,
    schema: createdClientSecretSchema,
    description: "The secret, shown once",
  },
  errors: [404, 409],
});

export const deleteClientSecretOperation = defineOperation({
  method: "DELETE",
  path: "/oauth-apps/{id}/secrets/{secret_id}",
  summary: "Delete a client secret",
  description:
    "The token endpoint refuses the secret from the next request on. Tokens the app already holds keep working until they expire or their grant is revoked.",
  scope: "write:oauth-apps",
  params: secretParams,
  response: {
    status: 200,
    schema: publicOAuthAppSchema,
    description: "The app, without the deleted secret",
  },
  errors: [404],
});

export const oauthAppUsageOperation = defineOperation({
  method: "GET",
  path: "/oauth-apps/{id}/usage",
  summary: "OAuth app usage",
  description:
    "Requests made with the app's tokens over time, by status class (429s counted apart), and its busiest routes: every grant together, counts only.",
  scope: "read:oauth-apps",
  params: appParams,
  query: usageQuerySchema,
  response: { status: 200, schema: appUsageReportSchema, description: "Totals, series and routes" },
  errors: [404],
});

export const OAUTH_APP_OPERATIONS = [
  listOAuthAppsOperation,
  createOAuthAppOperation,
  getOAuthAppOperation,
  updateOAuthAppOperation,
  deleteOAuthAppOperation,
  createClientSecretOperation,
  deleteClientSecretOperation,
  oauthAppUsageOperation,
];
