"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, dataOf, inOrganization } from "@/components/api/api-client";
import type { components } from "@/lib/api-schema";
import { organizationQueryKeys } from "./organization-query-keys";

export type OrganizationDetail = components["schemas"]["OrganizationDetail"];
export type CredentialPolicies = components["schemas"]["CredentialPolicies"];
export type OrganizationChange = components["schemas"]["UpdateOrganization"];

export { organizationQueryKeys };

/** GET /organizations/{id}: the plan, what it includes, usage against its caps, the policies. */
export function useOrganizationDetail(organizationId: string) {
  return useQuery({
    queryKey: organizationQueryKeys.detail(organizationId),
    queryFn: ({ signal }) =>
      dataOf(
        api.GET("/organizations/{id}", {
          params: { path: { id: organizationId } },
          ...inOrganization(organizationId, signal),
        }),
      ),
  });
}

/** PATCH /organizations/{id}: its answer is the organization as GET serves it, kept at once. */
export function useUpdateOrganization(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: OrganizationChange) =>
      dataOf(
        api.PATCH("/organizations/{id}", {
          params: { path: { id: organizationId } },
          body: change,
          ...inOrganization(organizationId),
        }),
      ),
    onSuccess: (organization) => {
      client.setQueryData(organizationQueryKeys.detail(organizationId), organization);
    },
  });
}
