"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { apiFetchPage } from "@/components/api/api-fetch";

/** An organization as GET /organizations serves it. */
export interface FoundOrganization {
  id: string;
  name: string;
  role: string | null;
  created_at: string;
}

/** Results per page: enough to choose from at a glance, few enough to fit a phone. */
export const ORGANIZATION_SEARCH_PAGE = 20;

/**
 * A platform admin's search over every organization (GET /organizations?q=, which
 * admin:organizations opens to all of them), a page at a time. Nothing is fetched for an empty
 * query; while the next query loads, the previous results stay shown.
 */
export function useOrganizationSearch(organizationId: string, q: string) {
  return useInfiniteQuery({
    queryKey: ["organizations", organizationId, "search", q],
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ q, limit: String(ORGANIZATION_SEARCH_PAGE) });
      if (pageParam) params.set("cursor", pageParam);
      return apiFetchPage<FoundOrganization>(`/organizations?${params}`, {
        organizationId,
        signal,
      });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
