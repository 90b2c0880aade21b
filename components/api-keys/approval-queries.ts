"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, bodyOf, dataOf, inOrganization } from "@/components/api/api-client";
import { apiKeyQueryKeys } from "./api-key-query-keys";

/** The organization's keys awaiting a decision (the owners' and admins' queue), up to 100. */
export function usePendingKeys(organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...apiKeyQueryKeys.lists(organizationId), "pending"],
    queryFn: ({ signal }) =>
      bodyOf(
        api.GET("/api-keys", {
          params: { query: { status: "pending", limit: 100 } },
          ...inOrganization(organizationId, signal),
        }),
      ),
    enabled,
  });
}

/**
 * Approve or deny: applied when the server has answered (a decision someone else made first is a
 * 409 to show, not a row to hide), then every list and the key's page refresh.
 */
export function useDecideApiKey(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      decision,
      reason,
    }: {
      id: string;
      decision: "approve" | "deny";
      reason?: string;
    }) =>
      decision === "approve"
        ? dataOf(
            api.POST("/api-keys/{id}/approve", {
              params: { path: { id } },
              ...inOrganization(organizationId),
            }),
          )
        : dataOf(
            api.POST("/api-keys/{id}/deny", {
              params: { path: { id } },
              body: { reason },
              ...inOrganization(organizationId),
            }),
          ),
    onSettled: () => client.invalidateQueries({ queryKey: apiKeyQueryKeys.all(organizationId) }),
  });
}
