import type { Metadata } from "next";
import { ExpiringKeys } from "@/components/overview/expiring-keys";
import { FirstRequestGuide } from "@/components/overview/first-request-guide";
import { OverviewHeader } from "@/components/overview/overview-header";
import { OverviewStats } from "@/components/overview/overview-stats";
import { RecentAuditEvents } from "@/components/overview/recent-audit-events";
import { RequestsChart } from "@/components/overview/requests-chart";
import { expiringApiKeys } from "@/server/api-keys/expiring-api-keys";
import { listAuditLogs } from "@/server/audit/list-audit-logs";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { organizationOverview } from "@/server/organizations/overview";
import { requestsByDay } from "@/server/usage/requests-by-day";

export const metadata: Metadata = { title: "Overview" };

const RECENT_AUDIT_EVENTS = 5;

export default async function DashboardPage() {
  const session = await requireDashboardSession();
  const organization = session.organization.name;
  const readsAudit = session.scopes.includes("read:audit-logs");
  const [overview, requests, expiring, audit] = await Promise.all([
    organizationOverview(session),
    requestsByDay(session),
    expiringApiKeys(session),
    readsAudit ? listAuditLogs(session, { limit: RECENT_AUDIT_EVENTS }) : null,
  ]);
  const stats = [
    {
      label: overview.ownKeysOnly ? "Your active API keys" : `Active API keys in ${organization}`,
      value: overview.activeKeys,
      href: "/settings/api-keys",
    },
    { label: `Members of ${organization}`, value: overview.members, href: "/settings/members" },
  ];
  return (
    <div className="space-y-8">
      <OverviewHeader
        organizationName={organization}
        userName={session.user.name}
        firstSession={session.firstSession}
      />
      <OverviewStats stats={stats} />
      {/* grid-cols-1 is minmax(0, 1fr): a long key name truncates rather than widening the page. */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <RequestsChart
            requests={requests}
            scopeLabel={overview.ownKeysOnly ? "your API keys" : `${organization}'s API keys`}
            hasKeys={overview.activeKeys > 0}
          />
        </div>
        <ExpiringKeys keys={expiring.keys} total={expiring.total} />
      </div>
      {audit ? <RecentAuditEvents entries={audit.data} /> : null}
      {overview.activeKeys > 0 ? null : <FirstRequestGuide />}
    </div>
  );
}
