"use client";

import Link from "next/link";
import { formatLatency, requestHref } from "@/components/request-logs/request-log-filters";
import { StatusCodeBadge } from "@/components/request-logs/request-log-parts";
import { RECENT_REQUESTS, useRecentRequests } from "@/components/request-logs/request-log-queries";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * The key's last few requests, newest first, each a link to its detail in Settings > Logs
 * (where the whole log of the key is one "View all" away).
 */
export function KeyRecentRequests({
  organizationId,
  keyId,
}: {
  organizationId: string;
  keyId: string;
}) {
  const recent = useRecentRequests(organizationId, keyId);

  if (recent.isPending) {
    return (
      <div role="status" aria-label="Loading recent requests" className="space-y-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex items-center gap-4">
            <Skeleton className="h-4 w-10" />
            <Skeleton className="h-4 w-48" />
            <Skeleton className="ml-auto h-4 w-16" />
          </div>
        ))}
      </div>
    );
  }
  if (recent.isError) {
    return (
      <ErrorState
        title="Recent requests could not be loaded"
        message={recent.error.message}
        onRetry={() => void recent.refetch()}
        retrying={recent.isFetching}
      />
    );
  }
  if (recent.data.length === 0) {
    return (
      <p className="text-sm text-slate-500">
        No requests yet: calls made with this key appear here within a second.
      </p>
    );
  }
  return (
    <ol aria-label="Recent requests" className="divide-y divide-slate-100">
      {recent.data.slice(0, RECENT_REQUESTS).map((entry) => (
        <li
          key={entry.request_id}
          className="relative flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5 text-sm hover:bg-slate-50/60"
        >
          <StatusCodeBadge status={entry.status} />
          <Link
            href={requestHref(entry.request_id)}
            className="min-w-0 flex-1 text-slate-900 underline-offset-2 after:absolute after:inset-0 after:content-[''] hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            <span className="font-mono text-xs font-semibold text-slate-600">{entry.method}</span>{" "}
            <span className="font-mono text-xs break-all">{entry.path}</span>
          </Link>
          <span className="text-xs text-slate-500 tabular-nums">
            {formatLatency(entry.latency_ms)}
          </span>
          <RelativeTime
            date={entry.created_at}
            tense="past"
            className="w-24 shrink-0 text-right text-xs text-slate-500"
          />
        </li>
      ))}
    </ol>
  );
}
