import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { oauthGrantQueryKeys } from "@/components/oauth-grants/oauth-grant-query-keys";
import type { ThirdPartyAccess } from "@/components/oauth-grants/oauth-grant-types";
import { ThirdPartyAccessClient } from "@/components/oauth-grants/third-party-access-client";
import { parseOrThrow } from "@/server/core/validation";
import {
  type DashboardSession,
  dashboardContext,
  requireDashboardSession,
} from "@/server/http/dashboard-session";
import { listOAuthGrants } from "@/server/oauth-grants/list-oauth-grants";
import { listOAuthGrantsQuerySchema } from "@/server/oauth-grants/schemas";
import { listOrganizations } from "@/server/organizations/list-organizations";
import { listOrganizationsQuerySchema } from "@/server/organizations/operations";

export const metadata: Metadata = { title: "Third-party access" };

/**
 * The current organization's policy, as GET /api/v1/organizations serves it (the client's query
 * reads the same): narrowed by name, found by id, following pages if names repeat.
 */
async function currentPolicy(session: DashboardSession): Promise<ThirdPartyAccess | undefined> {
  const ctx = await dashboardContext();
  let cursor: string | undefined;
  do {
    const page = await listOrganizations(
      ctx,
      parseOrThrow(listOrganizationsQuerySchema, {
        q: session.organization.name,
        limit: 100,
        cursor,
      }),
    );
    const found = page.data.find((org) => org.id === session.organization.id);
    if (found) return found.third_party_access;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return undefined;
}

/**
 * Settings > Third-party access, for owners and admins (read:oauth-apps): the organization's
 * policy on third-party apps and every grant in force in it. Members get a 404, as
 * GET /oauth-grants?user=all answers them 403.
 */
export default async function ThirdPartyAccessPage() {
  const session = await requireDashboardSession();
  if (!session.scopes.includes("read:oauth-apps")) notFound();
  const queryClient = new QueryClient();
  const [policy] = await Promise.all([
    currentPolicy(session),
    queryClient.prefetchInfiniteQuery({
      queryKey: oauthGrantQueryKeys.organization(session.organization.id),
      queryFn: () =>
        listOAuthGrants(session, parseOrThrow(listOAuthGrantsQuerySchema, { user: "all" })),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.next_cursor,
    }),
  ]);
  // Not found (cannot happen for the session's own organization): the client asks the API.
  if (policy) queryClient.setQueryData(oauthGrantQueryKeys.policy(session.organization.id), policy);
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
