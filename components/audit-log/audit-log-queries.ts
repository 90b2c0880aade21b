"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { apiFetchPage } from "@/components/api/api-fetch";
import type { AuditEntry } from "@/components/api-keys/api-key-types";
import { auditLogQueryKeys } from "./audit-log-filters";

/** The organization's audit log for `search`, a page at a time (`fetchNextPage` follows the cursor). */
export function useAuditLog(organizationId: string, search: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: auditLogQueryKeys.list(organizationId, search),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams(search);
      if (pageParam) params.set("cursor", pageParam);
      const query = params.toString();
      return apiFetchPage<AuditEntry>(`/audit-logs${query ? `?${query}` : ""}`, {
        organizationId,
        signal,
      });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}
