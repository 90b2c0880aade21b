import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { organizationQueryKeys } from "@/components/organizations/organization-query-keys";
import { SecurityClient } from "@/components/security/security-client";
import { dashboardContext, requireDashboardSession } from "@/server/http/dashboard-session";
import { getOrganization } from "@/server/organizations/get-organization";

export const metadata: Metadata = { title: "Security" };

/**
 * Settings > Security, for owners and admins (admins read): the organization's credential
 * policies, as GET /api/v1/organizations/{id} serves them. Members get a 404.
 */
export default async function SecurityPage() {
  const session = await requireDashboardSession();
  if (session.role === "member") notFound();
  const queryClient = new QueryClient();
  const id = session.organization.id;
  queryClient.setQueryData(
    organizationQueryKeys.detail(id),
    await getOrganization(await dashboardContext(), id),
  );
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <SecurityClient
        organization={session.organization}
        // The API's rule (PATCH /organizations/{id} policies): owners, and platform admins.
        isOwner={session.role === "owner" || session.scopes.includes("admin:organizations")}
      />
    </HydrationBoundary>
  );
}
