import { type DehydratedState, dehydrate, QueryClient, type QueryKey } from "@tanstack/react-query";

/**
 * The first page of a cursor-paged list (what its GET /api/v1 route serves), for a page's
 * HydrationBoundary: the first paint shows the rows instead of a skeleton, and the client keeps
 * them fresh through the API.
 */
export async function firstPageState<Page extends { next_cursor: string | null }>(
  queryKey: QueryKey,
  load: () => Promise<Page>,
): Promise<DehydratedState> {
  const queryClient = new QueryClient();
  await queryClient.prefetchInfiniteQuery({
    queryKey,
    queryFn: load,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page) => last.next_cursor,
  });
  return dehydrate(queryClient);
}

/** One resource already read on the server, for a detail page's HydrationBoundary. */
export function detailState(queryKey: QueryKey, data: unknown): DehydratedState {
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKey, data);
  return dehydrate(queryClient);
}
