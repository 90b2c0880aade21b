"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api, bodyOf, dataOf, inOrganization } from "@/components/api/api-client";
import { toSearch } from "@/components/api/query-string";
import type { AuditEntry } from "@/components/api-keys/api-key-types";
import { type AuditLogQuery, auditLogQueryKeys } from "./audit-log-filters";

/**
 * The organization's audit log for `query` (from `auditLogQuery`), a page at a time
 * (`fetchNextPage` follows the cursor).
 */
export function useAuditLog(organizationId: string, query: AuditLogQuery, enabled = true) {
  return useInfiniteQuery({
    queryKey: auditLogQueryKeys.list(organizationId, toSearch(query)),
    queryFn: ({ pageParam, signal }) =>
      bodyOf(
        api.GET("/audit-logs", {
          params: { query: { ...query, cursor: pageParam || undefined } },
          ...inOrganization(organizationId, signal),
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * One entry, for the detail view: the one already listed when it is (`listed`), else fetched
 * by id (a link shared or reloaded with `?event=` may name an entry beyond the loaded pages).
 */
export function useAuditEntry(organizationId: string, id: string, listed: AuditEntry | undefined) {
  return useQuery({
    queryKey: auditLogQueryKeys.entry(organizationId, id),
    queryFn: ({ signal }) =>
      dataOf(
        api.GET("/audit-logs/{id}", {
          params: { path: { id } },
          ...inOrganization(organizationId, signal),
        }),
      ),
    initialData: listed,
    // An entry never changes once written.
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
