import type { components } from "@/lib/api-schema";

// The JSON shapes of /api/v1/oauth-apps, as the types generated from the OpenAPI document declare
// them (built from the zod schemas the server validates with), so the pages cannot drift.
type ApiSchemas = components["schemas"];

export type OAuthApp = ApiSchemas["OAuthApp"];
export type OAuthClientSecret = ApiSchemas["OAuthClientSecret"];
export type OAuthClientType = OAuthApp["client_type"];
/** The body of POST /oauth-apps, as the register dialog sends it. */
export type CreateOAuthAppInput = ApiSchemas["CreateOAuthAppRequest"];
/** PATCH /oauth-apps/{id}: any of these. */
export type UpdateOAuthAppInput = ApiSchemas["UpdateOAuthAppRequest"];

/** The most live client secrets an app may hold (MAX_CLIENT_SECRETS on the server). */
export const MAX_CLIENT_SECRETS = 2;
/** The most redirect URIs an app may register (MAX_REDIRECT_URIS on the server). */
export const MAX_REDIRECT_URIS = 10;
/** The longest app name the API takes. */
export const OAUTH_APP_NAME_MAX = 100;

/** The two kinds of client, in the words the register dialog and the badges use. */
export const CLIENT_TYPES: readonly {
  value: OAuthClientType;
  label: string;
  hint: string;
}[] = [
  {
    value: "confidential",
    label: "Confidential",
    hint: "A server that can keep a secret. It gets a client secret and uses it with PKCE.",
  },
  {
    value: "public",
    label: "Public",
    hint: "A browser, mobile or command-line app: PKCE only. It cannot keep a secret, so it gets none.",
  },
];

export function oauthAppHref(id: string): string {
  return `/settings/oauth-apps/${encodeURIComponent(id)}`;
}
