import { otherMethods } from "@/server/http/method-not-allowed";
import { created, NO_STORE, pageResponse } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { createOAuthApp } from "@/server/oauth-apps/create-oauth-app";
import { listOAuthApps } from "@/server/oauth-apps/list-oauth-apps";
import { createOAuthAppOperation, listOAuthAppsOperation } from "@/server/oauth-apps/operations";

export const GET = withApi(listOAuthAppsOperation, async ({ ctx, query }) =>
  pageResponse(await listOAuthApps(ctx, query)),
);

// A confidential app's first client secret is in data.client_secret, shown this once.
export const POST = withApi(createOAuthAppOperation, async ({ ctx, body }) =>
  created(await createOAuthApp(ctx, body), NO_STORE),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
