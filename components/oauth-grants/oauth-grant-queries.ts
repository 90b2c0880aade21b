"use client";

import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api, bodyOf, dataOf, inOrganization } from "@/components/api/api-client";
import { withoutRow } from "@/components/api/without-row";
import type { operations } from "@/lib/api-schema";
import { oauthGrantQueryKeys } from "./oauth-grant-query-keys";
import type { ThirdPartyAccess } from "./oauth-grant-types";

export { oauthGrantQueryKeys };

/** One page of GET /oauth-grants: `data` and the `next_cursor` of the page after it. */
type OAuthGrantPage = operations["getOauthGrants"]["responses"][200]["content"]["application/json"];
export type OAuthGrantPages = InfiniteData<OAuthGrantPage, string | null>;

/** The apps the signed-in user authorized, in every organization, newest first. */
export function useMyGrants() {
  return useInfiniteQuery({
    queryKey: oauthGrantQueryKeys.mine(),
    queryFn: ({ pageParam, signal }) =>
      bodyOf(
        api.GET("/oauth-grants", {
          params: { query: { cursor: pageParam || undefined } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

/** Every grant in force in the organization (owners and admins), newest first. */
export function useOrganizationGrants(organizationId: string) {
  return useInfiniteQuery({
    queryKey: oauthGrantQueryKeys.organization(organizationId),
    queryFn: ({ pageParam, signal }) =>
      bodyOf(
        api.GET("/oauth-grants", {
          params: { query: { user: "all", cursor: pageParam || undefined } },
          ...inOrganization(organizationId, signal),
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

/**
 * Revokes a grant. It leaves every list it was in at once (its tokens are refused from now on),
 * then both lists are fetched again. `organizationId`: the organization an owner or admin acts
 * in; left out, the user revokes one of their own grants, which they may do from anywhere.
 */
export function useRevokeGrant(organizationId?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      dataOf(
        api.DELETE("/oauth-grants/{id}", {
          params: { path: { id } },
          ...(organizationId ? inOrganization(organizationId) : {}),
        }),
      ),
    onSuccess: ({ id }) => {
      for (const queryKey of [oauthGrantQueryKeys.mine(), oauthGrantQueryKeys.organizations()]) {
        client.setQueriesData<OAuthGrantPages>({ queryKey }, (data) => withoutRow(data, id));
        void client.invalidateQueries({ queryKey });
      }
    },
  });
}

/** The organization's third_party_access, as GET /organizations/{id} serves it. */
async function fetchThirdPartyAccess(
  organizationId: string,
  signal?: AbortSignal,
): Promise<ThirdPartyAccess> {
  const organization = await dataOf(
    api.GET("/organizations/{id}", {
      params: { path: { id: organizationId } },
      ...inOrganization(organizationId, signal),
    }),
  );
  return organization.third_party_access;
}

export function useThirdPartyAccess(organization: { id: string; name: string }) {
  return useQuery({
    queryKey: oauthGrantQueryKeys.policy(organization.id),
    queryFn: ({ signal }) => fetchThirdPartyAccess(organization.id, signal),
  });
}

/** PATCH /organizations/{id} with the policy (owners only); shown once the server accepted it. */
export function useUpdateThirdPartyAccess(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (value: ThirdPartyAccess) =>
      dataOf(
        api.PATCH("/organizations/{id}", {
          params: { path: { id: organizationId } },
          body: { third_party_access: value },
          ...inOrganization(organizationId),
        }),
      ),
    onSuccess: (organization) => {
      client.setQueryData(
        oauthGrantQueryKeys.policy(organizationId),
        organization.third_party_access,
      );
    },
  });
}
