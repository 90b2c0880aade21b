"use client";

import { type ReactNode, type RefObject, useEffect, useState } from "react";
import { ErrorState } from "@/components/ui/error-state";
import { LoadMore } from "@/components/ui/load-more";
import { useToast } from "@/components/ui/toast";
import { GrantsSkeleton } from "./grants-skeleton";
import { GrantsTable, type GrantsView } from "./grants-table";
import type { useMyGrants } from "./oauth-grant-queries";
import type { OAuthGrant } from "./oauth-grant-types";
import { RevokeGrantDialog } from "./revoke-grant-dialog";

type GrantsQuery = ReturnType<typeof useMyGrants>;

/**
 * A paged list of grants with its loading, error and empty states, and Revoke behind a confirm
 * dialog. After a revoke the row is gone, so focus goes to the page's heading.
 */
export function GrantsList({
  query,
  view,
  caption,
  organizationId,
  empty,
  headingRef,
  canRevoke = true,
}: {
  query: GrantsQuery;
  view: GrantsView;
  caption: string;
  organizationId?: string;
  empty: ReactNode;
  headingRef: RefObject<HTMLHeadingElement | null>;
  canRevoke?: boolean;
}) {
  const [revoking, setRevoking] = useState<OAuthGrant | null>(null);
  const { show: showToast, toast } = useToast();
  // Set when a revoke succeeded: once the dialog has closed (and handed focus back to a button
  // that is leaving with its row), focus goes to the heading.
  const [focusHeading, setFocusHeading] = useState(false);
  useEffect(() => {
    if (!focusHeading) return;
    headingRef.current?.focus();
    setFocusHeading(false);
  }, [focusHeading, headingRef]);
  const rows = query.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <>
      {query.isPending ? (
        <GrantsSkeleton label={`Loading ${caption.toLowerCase()}`} />
      ) : query.isError && !query.data ? (
        <ErrorState
          title={`${caption} could not be loaded`}
          message={query.error.message}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : rows.length === 0 ? (
        empty
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-slate-500" aria-live="polite">
            {rows.length} {rows.length === 1 ? "app" : "apps"}
            {query.hasNextPage ? " shown, more to load" : ""}
          </p>
          <GrantsTable
            grants={rows}
            view={view}
            caption={caption}
            onRevoke={canRevoke ? setRevoking : undefined}
          />
          <LoadMore query={query} items="apps" />
        </div>
      )}
      {revoking ? (
        <RevokeGrantDialog
          key={revoking.id}
          grant={revoking}
          view={view}
          organizationId={organizationId}
          onClose={() => setRevoking(null)}
          onRevoked={(grant) => {
            setRevoking(null);
            showToast(`Revoked “${grant.app.name.slice(0, 100)}”`);
            setFocusHeading(true);
          }}
        />
      ) : null}
      {toast}
    </>
  );
}
