import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { organizationQueryKeys } from "@/components/organizations/organization-query-keys";
import { PlanPanel } from "@/components/organizations/plan-panel";
import { CopyButton } from "@/components/ui/copy-button";
import { Panel } from "@/components/ui/panel";
import { dashboardContext, requireDashboardSession } from "@/server/http/dashboard-session";
import { getOrganization } from "@/server/organizations/get-organization";

export const metadata: Metadata = { title: "General settings" };

export default async function GeneralSettingsPage() {
  const session = await requireDashboardSession();
  const queryClient = new QueryClient();
  const id = session.organization.id;
  queryClient.setQueryData(
    organizationQueryKeys.detail(id),
    await getOrganization(await dashboardContext(), id),
  );
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <div className="space-y-8">
        <Panel id="org" title="Organization">
          <dl className="mt-4 grid gap-4 sm:grid-cols-3">
            <div>
              <dt className="text-sm text-slate-500">Name</dt>
              <dd className="mt-1 text-sm font-medium text-slate-900">
                {session.organization.name}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-500">Organization ID</dt>
              <dd className="mt-1 flex items-center gap-2">
                <span
                  data-testid="organization-id"
                  className="font-mono text-sm break-all text-slate-900"
                >
                  {session.organization.id}
                </span>
                <CopyButton text={session.organization.id} label="Copy organization ID" />
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-500">Your role</dt>
              <dd className="mt-1 text-sm font-medium capitalize text-slate-900">
                {session.role}
                {session.user.isPlatformAdmin ? " · platform admin" : ""}
              </dd>
            </div>
          </dl>
          <p className="mt-4 text-sm text-slate-500">
            Send{" "}
            <code className="font-mono text-slate-700">
              X-Organization-ID: {session.organization.id}
            </code>{" "}
            to act in this organization with a user token.
          </p>
          <p className="mt-2 text-sm text-slate-500">
            Who belongs to it, and pending invitations:{" "}
            <Link href="/settings/members" className="font-medium text-brand-700 hover:underline">
              Members
            </Link>
            .
          </p>
        </Panel>
        <PlanPanel
          organizationId={id}
          canChangePlan={session.scopes.includes("admin:organizations")}
        />
      </div>
    </HydrationBoundary>
  );
}
