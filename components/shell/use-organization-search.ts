"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { api, bodyOf, inOrganization } from "@/components/api/api-client";
import type { components } from "@/lib/api-schema";

/** An organization as GET /organizations serves it. */
export type FoundOrganization = components["schemas"]["Organization"];

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
    queryFn: ({ pageParam, signal }) =>
      bodyOf(
        api.GET("/organizations", {
          params: {
            query: { q, limit: ORGANIZATION_SEARCH_PAGE, cursor: pageParam || undefined },
          },
          ...inOrganization(organizationId, signal),
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
