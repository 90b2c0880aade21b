"use client";

import type { ReactNode, Ref } from "react";
import { QueryErrorState } from "./error-state";
import { LoadMore, type PagedQuery } from "./load-more";

/** The slice of a TanStack infinite query of cursor pages a settings list reads. */
interface PagedListQuery<Row> extends PagedQuery {
  data: { pages: { data: Row[] }[] } | undefined;
  isPending: boolean;
  isSuccess: boolean;
  isError: boolean;
  isFetching: boolean;
  refetch: () => Promise<unknown>;
}

/** The rows of every page loaded so far, and whether the list loaded and has none at all. */
export function pagedRows<Row>(query: PagedListQuery<Row>): { rows: Row[]; empty: boolean } {
  const rows = query.data?.pages.flatMap((page) => page.data) ?? [];
  return { rows, empty: query.isSuccess && rows.length === 0 };
}

/**
 * A paged settings list as it loads: a skeleton, then a failure with Retry (the rows already
 * loaded stay when only "Load more" fails), the empty state, or how many rows there are, the rows
 * (`children`) and "Load more".
 */
export function PagedList<Row>({
  query,
  listRef,
  skeleton,
  errorTitle,
  emptyState,
  noun,
  children,
}: {
  query: PagedListQuery<Row>;
  /** Around the rows: where focus looks for a row after a dialog closes. */
  listRef?: Ref<HTMLDivElement>;
  skeleton: ReactNode;
  errorTitle: string;
  emptyState: ReactNode;
  /** What a row is, one and many: "endpoint", "endpoints". */
  noun: [one: string, many: string];
  children: (rows: Row[]) => ReactNode;
}) {
  const { rows, empty } = pagedRows(query);
  if (query.isPending) return skeleton;
  if (query.isError && !query.data) return <QueryErrorState title={errorTitle} query={query} />;
  if (empty) return emptyState;
  return (
    <div ref={listRef} className="space-y-3">
      <p className="text-sm text-slate-500" aria-live="polite">
        {rows.length} {rows.length === 1 ? noun[0] : noun[1]}
        {query.hasNextPage ? " shown, more to load" : ""}
      </p>
      {children(rows)}
      <LoadMore query={query} items={noun[1]} />
    </div>
  );
}
