import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import {
  credentialQuery,
  credentialQueryKeys,
  credentialSearch,
  DEFAULT_CREDENTIAL_FILTERS,
} from "@/components/credentials/credential-filters";
import { CredentialsClient } from "@/components/credentials/credentials-client";
import { parseOrThrow } from "@/server/core/validation";
import { listCredentials } from "@/server/credentials-inventory/list-credentials";
import { listCredentialsQuerySchema } from "@/server/credentials-inventory/schemas";
import { dashboardContext, requireDashboardSession } from "@/server/http/dashboard-session";
import { listMembers } from "@/server/users/list-members";

export const metadata: Metadata = { title: "Credentials" };

/**
 * Settings > Credentials: every working credential of the organization, for owners and admins
 * (a platform admin visiting included). Members get a 404, as GET /credentials answers them 403.
 */
export default async function CredentialsPage() {
  const session = await requireDashboardSession();
  if (session.role !== "owner" && session.role !== "admin") notFound();
  if (!session.scopes.includes("read:api-keys")) notFound();
  const queryClient = new QueryClient();
  const [members] = await Promise.all([
    listMembers(session),
    queryClient.prefetchInfiniteQuery({
      queryKey: credentialQueryKeys.list(
        session.organization.id,
        credentialSearch(credentialQuery(DEFAULT_CREDENTIAL_FILTERS)),
      ),
      queryFn: async () =>
        listCredentials(await dashboardContext(), parseOrThrow(listCredentialsQuerySchema, {})),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.next_cursor,
    }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CredentialsClient
        organization={session.organization}
        members={members.map((m) => ({ id: m.id, name: m.name, email: m.email }))}
        visiting={!session.isMember}
      />
    </HydrationBoundary>
  );
}
