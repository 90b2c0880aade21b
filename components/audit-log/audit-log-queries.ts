"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { api, bodyOf, inOrganization } from "@/components/api/api-client";
import { toSearch } from "@/components/api/query-string";
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
