"use client";

import {
  type InfiniteData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api, bodyOf, dataOf, inOrganization } from "@/components/api/api-client";
import { useCursorPages } from "@/components/api/use-cursor-pages";
import { withoutRow } from "@/components/api/without-row";
import type { operations } from "@/lib/api-schema";
import { oauthAppQueryKeys } from "./oauth-app-query-keys";
import type {
  CreateOAuthAppInput,
  OAuthApp,
  OAuthClientSecret,
  UpdateOAuthAppInput,
} from "./oauth-app-types";

export { oauthAppQueryKeys };

/** One page of GET /oauth-apps: `data` and the `next_cursor` of the page after it. */
type OAuthAppPage = operations["getOauthApps"]["responses"][200]["content"]["application/json"];
export type OAuthAppPages = InfiniteData<OAuthAppPage, string | null>;

/** The organization's apps, newest first, a page at a time (`fetchNextPage` follows the cursor). */
export function useOAuthApps(organizationId: string) {
  return useCursorPages(oauthAppQueryKeys.list(organizationId), (cursor, signal) =>
    bodyOf(
      api.GET("/oauth-apps", {
        params: { query: { cursor } },
        ...inOrganization(organizationId, signal),
      }),
    ),
  );
}

export function useOAuthApp(organizationId: string, id: string) {
  return useQuery({
    queryKey: oauthAppQueryKeys.detail(organizationId, id),
    queryFn: ({ signal }) =>
      dataOf(
        api.GET("/oauth-apps/{id}", {
          params: { path: { id } },
          ...inOrganization(organizationId, signal),
        }),
      ),
  });
}

/** Puts an app (never a secret) in the detail cache and has every list fetched again. */
function storeApp(client: QueryClient, organizationId: string, app: OAuthApp) {
  client.setQueryData(oauthAppQueryKeys.detail(organizationId, app.id), app);
  void client.invalidateQueries({ queryKey: oauthAppQueryKeys.list(organizationId) });
}

function refreshApp(client: QueryClient, organizationId: string, id: string) {
  void client.invalidateQueries({ queryKey: oauthAppQueryKeys.list(organizationId) });
  void client.invalidateQueries({ queryKey: oauthAppQueryKeys.detail(organizationId, id) });
}

/*
 * Registering a confidential app and creating a client secret return a secret. Like the API keys'
 * create and rotate, they do not go through useMutation: the mutation cache would keep the answer,
 * and the show-once rule says the secret lives only in the reveal dialog's state.
 */

export async function registerOAuthApp(
  client: QueryClient,
  organizationId: string,
  input: CreateOAuthAppInput,
): Promise<{ app: OAuthApp; secret: string | null }> {
  const { client_secret: secret, ...app } = await dataOf(
    api.POST("/oauth-apps", { body: input, ...inOrganization(organizationId) }),
  );
  storeApp(client, organizationId, app);
  return { app, secret: secret ?? null };
}

export async function createClientSecret(
  client: QueryClient,
  organizationId: string,
  appId: string,
): Promise<{ clientSecret: OAuthClientSecret; secret: string }> {
  try {
    const { client_secret: secret, ...clientSecret } = await dataOf(
      api.POST("/oauth-apps/{id}/secrets", {
        params: { path: { id: appId } },
        ...inOrganization(organizationId),
      }),
    );
    return { clientSecret, secret };
  } finally {
    // Created or refused (a 409 when another tab took the last slot): show what is there now.
    refreshApp(client, organizationId, appId);
  }
}

/** PATCH: applied when the server has accepted it, since a refused URI must not show as saved. */
export function useUpdateOAuthApp(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateOAuthAppInput & { id: string }) =>
      dataOf(
        api.PATCH("/oauth-apps/{id}", {
          params: { path: { id } },
          body,
          ...inOrganization(organizationId),
        }),
      ),
    onSuccess: (app) => storeApp(client, organizationId, app),
  });
}

export function useDeleteClientSecret(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ appId, secretId }: { appId: string; secretId: string }) =>
      dataOf(
        api.DELETE("/oauth-apps/{id}/secrets/{secret_id}", {
          params: { path: { id: appId, secret_id: secretId } },
          ...inOrganization(organizationId),
        }),
      ),
    onSuccess: (app) => storeApp(client, organizationId, app),
    onError: (_error, { appId }) => refreshApp(client, organizationId, appId),
  });
}

/**
 * Deletes an app. Its detail query is dropped rather than refetched (it would only answer 404
 * to the page that is leaving); the lists are fetched again.
 */
export function useDeleteOAuthApp(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      dataOf(
        api.DELETE("/oauth-apps/{id}", {
          params: { path: { id } },
          ...inOrganization(organizationId),
        }),
      ),
    onSuccess: ({ id }) => {
      client.setQueryData<OAuthAppPages>(oauthAppQueryKeys.list(organizationId), (data) =>
        withoutRow(data, id),
      );
      void client.invalidateQueries({ queryKey: oauthAppQueryKeys.list(organizationId) });
    },
  });
}
