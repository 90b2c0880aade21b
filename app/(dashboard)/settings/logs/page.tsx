import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requestLogQueryKeys } from "@/components/request-logs/request-log-filters";
import { RequestLogsClient } from "@/components/request-logs/request-logs-client";
import { env } from "@/lib/env";
import { seesAllKeys } from "@/server/api-keys/find-api-key";
import { parseOrThrow } from "@/server/core/validation";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { OPERATIONS } from "@/server/http/operations";
import { listRequestLogs } from "@/server/request-logs/list-request-logs";
import { listRequestLogsQuerySchema } from "@/server/request-logs/schemas";

export const metadata: Metadata = { title: "Logs" };

/** The route patterns a logged request can have: every operation that takes a credential. */
const ROUTES = [
  ...new Set(OPERATIONS.filter((op) => op.scope !== "public").map((op) => op.path)),
].sort();

/**
 * Settings > Logs: the API requests made with the organization's credentials (read:api-keys).
 * Owners and admins read everyone's; members read their own credentials', as the API answers.
 */
export default async function RequestLogsPage() {
  const session = await requireDashboardSession();
  if (!session.scopes.includes("read:api-keys")) notFound();
  const queryClient = new QueryClient();
  await queryClient.prefetchInfiniteQuery({
    queryKey: requestLogQueryKeys.list(session.organization.id, ""),
    queryFn: () => listRequestLogs(session, parseOrThrow(listRequestLogsQuerySchema, {})),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RequestLogsClient
        organization={session.organization}
        routes={ROUTES}
        seesAll={seesAllKeys(session)}
        retentionDays={env().REQUEST_LOG_RETENTION_DAYS}
      />
    </HydrationBoundary>
  );
}
