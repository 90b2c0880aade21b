import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { oauthGrantQueryKeys } from "@/components/oauth-grants/oauth-grant-query-keys";
import { ThirdPartyAccessClient } from "@/components/oauth-grants/third-party-access-client";
import { parseOrThrow } from "@/server/core/validation";
import { dashboardContext, requireDashboardSession } from "@/server/http/dashboard-session";
import { listOAuthGrants } from "@/server/oauth-grants/list-oauth-grants";
import { listOAuthGrantsQuerySchema } from "@/server/oauth-grants/schemas";
import { getOrganization } from "@/server/organizations/get-organization";

export const metadata: Metadata = { title: "Third-party access" };

/**
 * Settings > Third-party access, for owners and admins (read:oauth-apps): the organization's
 * policy on third-party apps and every grant in force in it. Members get a 404, as
 * GET /oauth-grants?user=all answers them 403.
 */
export default async function ThirdPartyAccessPage() {
  const session = await requireDashboardSession();
  if (!session.scopes.includes("read:oauth-apps")) notFound();
  const queryClient = new QueryClient();
  const [organization] = await Promise.all([
    getOrganization(await dashboardContext(), session.organization.id),
    queryClient.prefetchInfiniteQuery({
      queryKey: oauthGrantQueryKeys.organization(session.organization.id),
      queryFn: () =>
        listOAuthGrants(session, parseOrThrow(listOAuthGrantsQuerySchema, { user: "all" })),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.next_cursor,
    }),
  ]);
  queryClient.setQueryData(
    oauthGrantQueryKeys.policy(session.organization.id),
    organization.third_party_access,
  );
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ThirdPartyAccessClient
        organization={session.organization}
        // The API's rule (PATCH /organizations/{id}): owners, and platform admins.
        canChangePolicy={session.role === "owner" || session.scopes.includes("admin:organizations")}
        canRevoke={session.scopes.includes("write:oauth-apps")}
      />
    </HydrationBoundary>
  );
}
