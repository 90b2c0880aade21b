"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { api, bodyOf, dataOf, inOrganization } from "@/components/api/api-client";
import { apiKeyQueryKeys } from "@/components/api-keys/api-key-query-keys";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { formatDay } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The latest expiry the policy allows, from now, on a whole minute (what a fix sets). */
function latestAllowed(days: number, nowMs: number): Date {
  return new Date(Math.floor((nowMs + days * DAY_MS) / 60_000) * 60_000);
}

/**
 * Keys in service that the maximum lifetime would not allow today (no expiry, or a later one),
 * each with a one-click fix: expire it at the latest the policy allows.
 */
export function KeysBeyondLifetime({
  organizationId,
  maxDays,
  canFix,
}: {
  organizationId: string;
  maxDays: number;
  canFix: boolean;
}) {
  const client = useQueryClient();
  // Fixed once per view, so the query key (and the list) holds still while the page is open.
  const [since] = useState(() => latestAllowed(maxDays, Date.now()).toISOString());
  const queryKey = ["keys-beyond-lifetime", organizationId, maxDays, since] as const;
  const keys = useQuery({
    queryKey,
    queryFn: ({ signal }) =>
      bodyOf(
        api.GET("/api-keys", {
          params: {
            query: { status: "active,expiring,pending", expires_after: since, limit: 100 },
          },
          ...inOrganization(organizationId, signal),
        }),
      ),
  });
  const [message, setMessage] = useState<string | null>(null);
  const fix = useMutation({
    mutationFn: (ids: string[]) =>
      Promise.all(
        ids.map((id) =>
          dataOf(
            api.PATCH("/api-keys/{id}", {
              params: { path: { id } },
              body: { expires_at: latestAllowed(maxDays, Date.now()).toISOString() },
              ...inOrganization(organizationId),
            }),
          ),
        ),
      ),
    onSuccess: (fixed) => {
      setMessage(
        fixed.length === 1
          ? `“${fixed[0]?.name}” now expires on ${formatDay(new Date(fixed[0]?.expires_at ?? ""))}.`
          : `${fixed.length} keys now expire within ${maxDays} days.`,
      );
      void client.invalidateQueries({ queryKey: ["keys-beyond-lifetime", organizationId] });
      void client.invalidateQueries({ queryKey: apiKeyQueryKeys.all(organizationId) });
    },
    onError: (e) => setMessage(`Not every key was changed: ${e.message}`),
  });

  if (keys.isPending) {
    return (
      <div role="status" aria-label="Loading keys beyond the maximum lifetime" className="mt-4">
        <Skeleton className="h-5 w-72 max-w-full" />
      </div>
    );
  }
  if (keys.isError) {
    return (
      <div className="mt-4">
        <ErrorState
          title="The keys could not be loaded"
          message={keys.error.message}
          onRetry={() => void keys.refetch()}
          retrying={keys.isFetching}
        />
      </div>
    );
  }
  const rows = keys.data.data;
  return (
    <div className="mt-4 space-y-3">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">
          Every key in service expires within {maxDays} days.
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {rows.length === 1 ? "1 key" : `${rows.length} keys`}
            {keys.data.next_cursor ? " or more" : ""} made before the policy{" "}
            {rows.length === 1 ? "lives" : "live"} longer than {maxDays} days. They keep working
            until you set an expiry.
          </p>
          <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
            {rows.map((key) => (
              <li
                key={key.id}
                className="flex flex-wrap items-center justify-between gap-3 px-4 py-3"
              >
                <div className="min-w-0 text-sm">
                  <Link
                    href={`/settings/api-keys/${key.id}`}
                    className="font-medium text-slate-900 hover:underline"
                  >
                    {key.name}
                  </Link>
                  <p className="text-slate-500">
                    {key.creator.name} ·{" "}
                    {key.expires_at
                      ? `expires ${formatDay(new Date(key.expires_at))}`
                      : "never expires"}
                  </p>
                </div>
                {canFix ? (
                  <Button
                    variant="secondary"
                    disabled={fix.isPending}
                    onClick={() => fix.mutate([key.id])}
                    aria-label={`Set an expiry on ${key.name}`}
                  >
                    Set expiry to {formatDay(new Date(since))}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
          {canFix && rows.length > 1 ? (
            <Button disabled={fix.isPending} onClick={() => fix.mutate(rows.map((k) => k.id))}>
              Set an expiry on all {rows.length}
            </Button>
          ) : null}
        </>
      )}
      {message ? (
        <p role="status" className="text-sm text-slate-700">
          {message}
        </p>
      ) : null}
    </div>
  );
}
