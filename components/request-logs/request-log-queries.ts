"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api, bodyOf, dataOf, inOrganization } from "@/components/api/api-client";
import {
  type RequestLogEntry,
  type RequestLogQuery,
  requestLogQueryKeys,
  requestLogSearch,
} from "./request-log-filters";

/** The organization's requests for `query`, newest first, a page at a time. */
export function useRequestLogs(organizationId: string, query: RequestLogQuery, enabled = true) {
  return useInfiniteQuery({
    queryKey: requestLogQueryKeys.list(organizationId, requestLogSearch(query)),
    queryFn: ({ pageParam, signal }) =>
      bodyOf(
        api.GET("/request-logs", {
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

/** How many of a key's requests its page shows. */
export const RECENT_REQUESTS = 10;

/** A key's last few requests, for its page. */
export function useRecentRequests(organizationId: string, keyId: string) {
  return useQuery({
    queryKey: requestLogQueryKeys.recent(organizationId, keyId),
    queryFn: ({ signal }) =>
      dataOf(
        api.GET("/request-logs", {
          params: { query: { key_id: keyId, limit: RECENT_REQUESTS } },
          ...inOrganization(organizationId, signal),
        }),
      ),
  });
}

/**
 * One request, for the detail view: the one already listed when it is (`listed`), else fetched
 * by id (a pasted id, or a link reloaded with `?request=`, may name one beyond the loaded pages).
 */
export function useRequestLog(
  organizationId: string,
  requestId: string,
  listed: RequestLogEntry | undefined,
) {
  return useQuery({
    queryKey: requestLogQueryKeys.entry(organizationId, requestId),
    queryFn: ({ signal }) =>
      dataOf(
        api.GET("/request-logs/{request_id}", {
          params: { path: { request_id: requestId } },
          ...inOrganization(organizationId, signal),
        }),
      ),
    initialData: listed,
    // A request never changes once logged.
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
