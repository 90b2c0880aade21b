"use client";

import { type QueryKey, useInfiniteQuery } from "@tanstack/react-query";

/** One page of a cursor-paged list of /api/v1: its rows, and the cursor of the page after it. */
interface CursorPage {
  next_cursor: string | null;
}

/**
 * A list of /api/v1 a page at a time, newest first: `fetchPage` fetches the page at a cursor
 * (undefined for the first), and `fetchNextPage` follows `next_cursor`.
 */
export function useCursorPages<Page extends CursorPage>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page>,
  /** How soon to fetch the pages loaded so far again, if at all (a log with pending rows). */
  refetchInterval?: (pages: Page[] | undefined) => number | false,
) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam || undefined, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page) => last.next_cursor,
    refetchInterval: refetchInterval && ((query) => refetchInterval(query.state.data?.pages)),
  });
}
