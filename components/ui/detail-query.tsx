"use client";

import type { ReactNode } from "react";
import { BackLink } from "./back-link";
import { DetailBodySkeleton } from "./detail-skeletons";
import { QueryErrorState } from "./error-state";
import { OrganizationBadge } from "./organization-badge";

/** The slice of a TanStack query of one resource a detail page reads. */
interface DetailQueryState<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  isFetching: boolean;
  refetch: () => Promise<unknown>;
}

/**
 * A detail page of a settings list: the way back and the organization, then the resource as it
 * loads (a skeleton, a failure with Retry, or `children` with its data).
 */
export function DetailQuery<T>({
  query,
  backHref,
  backLabel,
  organizationName,
  loadingLabel,
  errorTitle,
  panel,
  after,
  children,
}: {
  query: DetailQueryState<T>;
  backHref: string;
  backLabel: string;
  organizationName: string;
  /** "Loading the endpoint". */
  loadingLabel: string;
  /** "This endpoint could not be loaded". */
  errorTitle: string;
  /** Whether the skeleton has a panel below the summary. */
  panel?: boolean;
  /** Below, whatever the state: the page's dialogs. */
  after?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  return (
    <div className="space-y-6">
      <BackLink href={backHref} label={backLabel}>
        <OrganizationBadge name={organizationName} />
      </BackLink>
      {query.isPending ? (
        <DetailBodySkeleton label={loadingLabel} panel={panel} />
      ) : query.isError ? (
        <QueryErrorState title={errorTitle} query={query} />
      ) : query.data !== undefined ? (
        children(query.data)
      ) : null}
      {after}
    </div>
  );
}
