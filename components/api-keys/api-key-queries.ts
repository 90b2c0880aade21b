"use client";

import {
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  type QueryKey,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api, bodyOf, dataOf, inOrganization } from "@/components/api/api-client";
import { toSearch } from "@/components/api/query-string";
import type { components, operations } from "@/lib/api-schema";
import type { ApiKeyListQuery } from "./api-key-filters";
import { apiKeyQueryKeys } from "./api-key-query-keys";
import type {
  ApiKey,
  ApiKeyDetail,
  CreateApiKeyInput,
  GraceSeconds,
  UpdateApiKeyInput,
} from "./api-key-types";

export { apiKeyQueryKeys };

/** One page of GET /api-keys: `data` and the `next_cursor` of the page after it. */
type ApiKeyPage = operations["getApiKeys"]["responses"][200]["content"]["application/json"];

/** The cached shape of a key list: the pages loaded so far. */
export type ApiKeyPages = InfiniteData<ApiKeyPage, string | null>;

/**
 * The organization's keys matching `query` (from `apiKeyListQuery`), a page at a time:
 * `fetchNextPage` follows `next_cursor`. While new filters load, the previous rows stay shown.
 */
export function useApiKeys(organizationId: string, query: ApiKeyListQuery) {
  return useInfiniteQuery({
    queryKey: apiKeyQueryKeys.list(organizationId, toSearch(query)),
    queryFn: ({ pageParam, signal }) =>
      bodyOf(
        api.GET("/api-keys", {
          params: { query: { ...query, cursor: pageParam || undefined } },
          ...inOrganization(organizationId, signal),
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    placeholderData: keepPreviousData,
  });
}

/** Whether the organization has any key the viewer can see (tells "none yet" from "all hidden"). */
export function useHasAnyApiKey(organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...apiKeyQueryKeys.lists(organizationId), "any"],
    queryFn: async ({ signal }) =>
      (
        await dataOf(
          api.GET("/api-keys", {
            params: { query: { limit: 1 } },
            ...inOrganization(organizationId, signal),
          }),
        )
      ).length > 0,
    enabled,
  });
}

/** A member of the organization, as GET /users serves it (for the creator filter). */
export type MemberOption = components["schemas"]["Member"];

/** The organization's first 100 members, newest first, for the creator filter. */
export function useMembers(organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: apiKeyQueryKeys.members(organizationId),
    queryFn: ({ signal }) =>
      bodyOf(
        api.GET("/users", {
          params: { query: { limit: 100 } },
          ...inOrganization(organizationId, signal),
        }),
      ),
    enabled,
    staleTime: 60_000,
  });
}

export function useApiKey(organizationId: string, id: string, enabled = true) {
  return useQuery({
    queryKey: apiKeyQueryKeys.detail(organizationId, id),
    queryFn: ({ signal }) =>
      dataOf(
        api.GET("/api-keys/{id}", {
          params: { path: { id } },
          ...inOrganization(organizationId, signal),
        }),
      ),
    enabled,
  });
}

/** The keys that work now and expire within 7 days (the list's banner), up to 100. */
export function useExpiringKeys(organizationId: string) {
  return useQuery({
    queryKey: [...apiKeyQueryKeys.lists(organizationId), "expiring"],
    queryFn: ({ signal }) =>
      bodyOf(
        api.GET("/api-keys", {
          params: { query: { status: "expiring", limit: 100 } },
          ...inOrganization(organizationId, signal),
        }),
      ),
  });
}

export function useKeyAuditLog(organizationId: string, id: string) {
  return useQuery({
    queryKey: apiKeyQueryKeys.auditLog(organizationId, id),
    queryFn: ({ signal }) =>
      dataOf(
        api.GET("/api-keys/{id}/audit-log", {
          params: { path: { id } },
          ...inOrganization(organizationId, signal),
        }),
      ),
  });
}

export function useScopeCatalogue(organizationId: string) {
  return useQuery({
    queryKey: apiKeyQueryKeys.scopes(organizationId),
    queryFn: ({ signal }) => dataOf(api.GET("/scopes", inOrganization(organizationId, signal))),
    staleTime: 5 * 60_000,
  });
}

/** Applies `change` to every loaded page of every key list of the organization. */
function updateLists(
  client: QueryClient,
  organizationId: string,
  change: (pages: ApiKeyPages) => ApiKeyPages,
) {
  client.setQueriesData<ApiKeyPages>({ queryKey: apiKeyQueryKeys.lists(organizationId) }, (data) =>
    data && Array.isArray(data.pages) ? change(data) : data,
  );
}

/**
 * Puts a key (never a secret) into the list and detail caches: in place where it is listed, else
 * at the top of each list (the newest key); the refetch that follows applies each list's filters.
 */
function storeKey(client: QueryClient, organizationId: string, key: ApiKey) {
  updateLists(client, organizationId, (data) => {
    const listed = data.pages.some((page) => page.data.some((k) => k.id === key.id));
    return {
      ...data,
      pages: data.pages.map((page, i) => ({
        ...page,
        data: listed
          ? page.data.map((k) => (k.id === key.id ? key : k))
          : i === 0
            ? [key, ...page.data]
            : page.data,
      })),
    };
  });
  // Merged, so what only the detail carries (scopes_used_30d) stays until the refetch.
  client.setQueryData<ApiKeyDetail | ApiKey>(
    apiKeyQueryKeys.detail(organizationId, key.id),
    (detail) => (detail ? { ...detail, ...key } : key),
  );
}

function refreshKey(client: QueryClient, organizationId: string, id: string) {
  void client.invalidateQueries({ queryKey: apiKeyQueryKeys.lists(organizationId) });
  void client.invalidateQueries({ queryKey: apiKeyQueryKeys.detail(organizationId, id) });
  void client.invalidateQueries({ queryKey: apiKeyQueryKeys.auditLog(organizationId, id) });
  // Its usage too: the page must never say "No requests" beside "Last used just now".
  void client.invalidateQueries({ queryKey: apiKeyQueryKeys.usageOf(organizationId, id) });
}

/*
 * Creating and rotating return a secret. They deliberately do not go through useMutation: the
 * mutation cache keeps each mutation's `data`, and the show-once rule says the secret lives only
 * in the reveal dialog's state. The caches get the key with the `key` field stripped.
 */

export async function createApiKey(
  client: QueryClient,
  organizationId: string,
  input: CreateApiKeyInput,
): Promise<{ apiKey: ApiKey; secret: string }> {
  const { key: secret, ...apiKey } = await dataOf(
    api.POST("/api-keys", { body: input, ...inOrganization(organizationId) }),
  );
  storeKey(client, organizationId, apiKey);
  refreshKey(client, organizationId, apiKey.id);
  return { apiKey, secret };
}

export async function rotateApiKey(
  client: QueryClient,
  organizationId: string,
  id: string,
  graceSeconds: GraceSeconds,
  /** The new key's expiry (null: never); left out, the API keeps the old key's lifetime. */
  expiresAt?: string | null,
): Promise<{ apiKey: ApiKey; previous: ApiKey; secret: string }> {
  const {
    key: secret,
    previous_key: previous,
    ...apiKey
  } = await dataOf(
    api.POST("/api-keys/{id}/rotate", {
      params: { path: { id } },
      body: { grace_seconds: graceSeconds, expires_at: expiresAt },
      ...inOrganization(organizationId),
    }),
  );
  storeKey(client, organizationId, previous);
  storeKey(client, organizationId, apiKey);
  refreshKey(client, organizationId, previous.id);
  return { apiKey, previous, secret };
}

type Snapshot = { lists: [QueryKey, ApiKeyPages | undefined][]; detail: ApiKey | undefined };

/** Applies a change to a cached key at once, and returns what to roll back to on failure. */
function patchKey(
  client: QueryClient,
  organizationId: string,
  id: string,
  patch: Partial<ApiKey>,
): Snapshot {
  const detailKey = apiKeyQueryKeys.detail(organizationId, id);
  const snapshot = {
    lists: client.getQueriesData<ApiKeyPages>({ queryKey: apiKeyQueryKeys.lists(organizationId) }),
    detail: client.getQueryData<ApiKey>(detailKey),
  };
  updateLists(client, organizationId, (data) => ({
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      data: page.data.map((k) => (k.id === id ? { ...k, ...patch } : k)),
    })),
  }));
  client.setQueryData<ApiKey>(detailKey, (key) => (key ? { ...key, ...patch } : key));
  return snapshot;
}

function restore(client: QueryClient, organizationId: string, id: string, snapshot?: Snapshot) {
  if (!snapshot) return;
  for (const [queryKey, data] of snapshot.lists) client.setQueryData(queryKey, data);
  client.setQueryData(apiKeyQueryKeys.detail(organizationId, id), snapshot.detail);
}

/** Revoke: the row turns revoked immediately; the server's answer then replaces it. */
export function useRevokeApiKey(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      dataOf(
        api.DELETE("/api-keys/{id}", {
          params: { path: { id } },
          ...inOrganization(organizationId),
        }),
      ),
    onMutate: async (id) => {
      await client.cancelQueries({ queryKey: apiKeyQueryKeys.all(organizationId) });
      return patchKey(client, organizationId, id, {
        status: "revoked",
        revoked_at: new Date().toISOString(),
      });
    },
    onError: (_error, id, snapshot) => restore(client, organizationId, id, snapshot),
    onSuccess: (key) => storeKey(client, organizationId, key),
    onSettled: (_data, _error, id) => refreshKey(client, organizationId, id),
  });
}

/** Rename: the new name shows immediately and rolls back if the server refuses it. */
export function useRenameApiKey(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      dataOf(
        api.PATCH("/api-keys/{id}", {
          params: { path: { id } },
          body: { name },
          ...inOrganization(organizationId),
        }),
      ),
    onMutate: async ({ id, name }) => {
      await client.cancelQueries({ queryKey: apiKeyQueryKeys.all(organizationId) });
      return patchKey(client, organizationId, id, { name });
    },
    onError: (_error, { id }, snapshot) => restore(client, organizationId, id, snapshot),
    onSuccess: (key) => storeKey(client, organizationId, key),
    onSettled: (_data, _error, { id }) => refreshKey(client, organizationId, id),
  });
}

/**
 * PATCH of a key's policies (allowlist, own rate limit, scopes): applied when the server has
 * accepted it, since a refused change (a bad address, a widening scope) must not show as done.
 */
export function useUpdateApiKey(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateApiKeyInput & { id: string }) =>
      dataOf(
        api.PATCH("/api-keys/{id}", {
          params: { path: { id } },
          body,
          ...inOrganization(organizationId),
        }),
      ),
    onSuccess: (key) => storeKey(client, organizationId, key),
    onSettled: (_data, _error, { id }) => refreshKey(client, organizationId, id),
  });
}
