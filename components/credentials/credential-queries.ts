"use client";

import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api, bodyOf, dataOf, inOrganization } from "@/components/api/api-client";
import { apiKeyQueryKeys } from "@/components/api-keys/api-key-query-keys";
import { oauthGrantQueryKeys } from "@/components/oauth-grants/oauth-grant-query-keys";
import {
  type CredentialQuery,
  credentialQueryKeys,
  credentialSearch,
  type RevokeSelector,
} from "./credential-filters";

/** The organization's working credentials for `query`, newest first, a page at a time. */
export function useCredentials(organizationId: string, query: CredentialQuery) {
  return useInfiniteQuery({
    queryKey: credentialQueryKeys.list(organizationId, credentialSearch(query)),
    queryFn: ({ pageParam, signal }) =>
      bodyOf(
        api.GET("/credentials", {
          params: { query: { ...query, cursor: pageParam || undefined } },
          ...inOrganization(organizationId, signal),
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    placeholderData: keepPreviousData,
  });
}

/**
 * How many credentials `selector` would revoke now (a dry run): the count the confirm dialog
 * names. Asked afresh each time the dialog opens, never served from an older answer.
 */
export function useRevokeCount(organizationId: string, selector: RevokeSelector) {
  return useQuery({
    queryKey: credentialQueryKeys.dryRun(organizationId, selector),
    queryFn: ({ signal }) =>
      dataOf(
        api.POST("/credentials/revoke", {
          body: { ...selector, dry_run: true },
          ...inOrganization(organizationId, signal),
        }),
      ),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}

/** Revokes what `selector` names; then every list that may have shown one of them refreshes. */
export function useRevokeCredentials(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (selector: RevokeSelector) =>
      dataOf(
        api.POST("/credentials/revoke", {
          body: { ...selector, dry_run: false },
          ...inOrganization(organizationId),
        }),
      ),
    onSuccess: () => {
      for (const queryKey of [
        // Not the dry run's count: its dialog is closing, and asking again would revoke nothing.
        credentialQueryKeys.lists(organizationId),
        apiKeyQueryKeys.all(organizationId),
        oauthGrantQueryKeys.all,
      ]) {
        void client.invalidateQueries({ queryKey });
      }
    },
  });
}
