import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditLogClient } from "@/components/audit-log/audit-log-client";
import { auditLogQueryKeys } from "@/components/audit-log/audit-log-filters";
import { env } from "@/lib/env";
import { listAuditLogs } from "@/server/audit/list-audit-logs";
import { AUDIT_ACTIONS } from "@/server/audit/record-audit";
import { listAuditLogsQuerySchema } from "@/server/audit/schemas";
import { parseOrThrow } from "@/server/core/validation";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { cachedGovernance } from "@/server/organizations/governance";

export const metadata: Metadata = { title: "Audit log" };

/**
 * Settings > Audit log, for owners and admins (read:audit-logs). Members do not get a filtered
 * view of their own actions: the page is hidden from their navigation and answers 404, as
 * GET /audit-logs answers them 403.
 */
export default async function AuditLogPage() {
  const session = await requireDashboardSession();
  if (!session.scopes.includes("read:audit-logs")) notFound();
  const { entitlements } = await cachedGovernance(session.organization.id);
  const queryClient = new QueryClient();
  await queryClient.prefetchInfiniteQuery({
    queryKey: auditLogQueryKeys.list(session.organization.id, ""),
    queryFn: () => listAuditLogs(session, parseOrThrow(listAuditLogsQuerySchema, {})),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AuditLogClient
        organization={session.organization}
        actions={[...AUDIT_ACTIONS]}
        retentionDays={env().AUDIT_RETENTION_DAYS}
        historyDays={entitlements.audit_log_days}
        csvIncluded={entitlements.csv_export}
      />
    </HydrationBoundary>
  );
}
