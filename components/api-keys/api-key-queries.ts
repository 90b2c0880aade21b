"use client";

import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-fetch";
import { apiKeyQueryKeys } from "./api-key-query-keys";
import type {
  ApiKey,
  AuditEntry,
  CreateApiKeyInput,
  CreatedApiKey,
  GraceSeconds,
  RotatedApiKey,
  ScopeInfo,
} from "./api-key-types";

export { apiKeyQueryKeys };

export function useApiKeys(organizationId: string) {
  return useQuery({
    queryKey: apiKeyQueryKeys.list(organizationId),
    queryFn: ({ signal }) => apiFetch<ApiKey[]>("/api-keys?status=all", { organizationId, signal }),
  });
}

export function useApiKey(organizationId: string, id: string) {
  return useQuery({
    queryKey: apiKeyQueryKeys.detail(organizationId, id),
    queryFn: ({ signal }) =>
      apiFetch<ApiKey>(`/api-keys/${encodeURIComponent(id)}`, { organizationId, signal }),
  });
}

export function useKeyAuditLog(organizationId: string, id: string) {
  return useQuery({
    queryKey: apiKeyQueryKeys.auditLog(organizationId, id),
    queryFn: ({ signal }) =>
      apiFetch<AuditEntry[]>(`/api-keys/${encodeURIComponent(id)}/audit-log`, {
        organizationId,
        signal,
      }),
  });
}

export function useScopeCatalogue(organizationId: string) {
  return useQuery({
    queryKey: apiKeyQueryKeys.scopes(organizationId),
    queryFn: ({ signal }) => apiFetch<ScopeInfo[]>("/scopes", { organizationId, signal }),
    staleTime: 5 * 60_000,
  });
}

/** Puts a key (never a secret) into the list and detail caches. */
function storeKey(client: QueryClient, organizationId: string, key: ApiKey) {
  client.setQueryData<ApiKey[]>(apiKeyQueryKeys.list(organizationId), (keys) => {
    if (!keys) return keys;
    if (!keys.some((k) => k.id === key.id)) return [key, ...keys];
    return keys.map((k) => (k.id === key.id ? key : k));
  });
  client.setQueryData<ApiKey>(apiKeyQueryKeys.detail(organizationId, key.id), key);
}

function refreshKey(client: QueryClient, organizationId: string, id: string) {
  void client.invalidateQueries({ queryKey: apiKeyQueryKeys.list(organizationId) });
  void client.invalidateQueries({ queryKey: apiKeyQueryKeys.auditLog(organizationId, id) });
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
  const { key: secret, ...apiKey } = await apiFetch<CreatedApiKey>("/api-keys", {
    method: "POST",
    body: input,
    organizationId,
  });
  storeKey(client, organizationId, apiKey);
  refreshKey(client, organizationId, apiKey.id);
  return { apiKey, secret };
}

export async function rotateApiKey(
  client: QueryClient,
  organizationId: string,
  id: string,
  graceSeconds: GraceSeconds,
): Promise<{ apiKey: ApiKey; previous: ApiKey; secret: string }> {
  const {
    key: secret,
    previous_key: previous,
    ...apiKey
  } = await apiFetch<RotatedApiKey>(`/api-keys/${encodeURIComponent(id)}/rotate`, {
    method: "POST",
    body: { grace_seconds: graceSeconds },
    organizationId,
  });
  storeKey(client, organizationId, previous);
  storeKey(client, organizationId, apiKey);
  refreshKey(client, organizationId, previous.id);
  return { apiKey, previous, secret };
}

type Snapshot = { list: ApiKey[] | undefined; detail: ApiKey | undefined };

/** Applies a change to a cached key at once, and returns what to roll back to on failure. */
function patchKey(
  client: QueryClient,
  organizationId: string,
  id: string,
  patch: Partial<ApiKey>,
): Snapshot {
  const listKey = apiKeyQueryKeys.list(organizationId);
  const detailKey = apiKeyQueryKeys.detail(organizationId, id);
  const snapshot = {
    list: client.getQueryData<ApiKey[]>(listKey),
    detail: client.getQueryData<ApiKey>(detailKey),
  };
  client.setQueryData<ApiKey[]>(listKey, (keys) =>
    keys?.map((k) => (k.id === id ? { ...k, ...patch } : k)),
  );
  client.setQueryData<ApiKey>(detailKey, (key) => (key ? { ...key, ...patch } : key));
  return snapshot;
}

function restore(client: QueryClient, organizationId: string, id: string, snapshot?: Snapshot) {
  if (!snapshot) return;
  client.setQueryData(apiKeyQueryKeys.list(organizationId), snapshot.list);
  client.setQueryData(apiKeyQueryKeys.detail(organizationId, id), snapshot.detail);
}

/** Revoke: the row turns revoked immediately; the server's answer then replaces it. */
export function useRevokeApiKey(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<ApiKey>(`/api-keys/${encodeURIComponent(id)}`, {
        method: "DELETE",
        organizationId,
      }),
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
      apiFetch<ApiKey>(`/api-keys/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body: { name },
        organizationId,
      }),
    onMutate: async ({ id, name }) => {
      await client.cancelQueries({ queryKey: apiKeyQueryKeys.all(organizationId) });
      return patchKey(client, organizationId, id, { name });
    },
    onError: (_error, { id }, snapshot) => restore(client, organizationId, id, snapshot),
    onSuccess: (key) => storeKey(client, organizationId, key),
    onSettled: (_data, _error, { id }) => refreshKey(client, organizationId, id),
  });
}
