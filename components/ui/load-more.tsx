"use client";

import { Button } from "./button";

/** The slice of a TanStack infinite query a "Load more" footer reads. */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: Error | null;
  fetchNextPage: () => Promise<unknown>;
}

/** Below a paged list: the next page on demand, and why it failed if it did. */
export function LoadMore({ query, items }: { query: PagedQuery; items: string }) {
  return (
    <>
      {query.isFetchNextPageError ? (
        <p role="alert" className="text-sm text-red-600">
          More {items} could not be loaded: {query.error?.message}
        </p>
      ) : null}
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
          >
            {query.isFetchingNextPage ? "Loading…" : `Load more ${items}`}
          </Button>
        </div>
      ) : null}
    </>
  );
}
