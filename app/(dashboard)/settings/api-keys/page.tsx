import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { apiKeyQueryKeys } from "@/components/api-keys/api-key-query-keys";
import { listApiKeys } from "@/server/api-keys/list-api-keys";
import { requireDashboardSession } from "@/server/auth/dashboard-session";
import { ApiKeysClient } from "./api-keys-client";

export const metadata: Metadata = { title: "API Keys" };

export default async function ApiKeysPage() {
  const session = await requireDashboardSession();
  // Prefetch the list the page opens with (the same rows GET /api/v1/api-keys serves), so the
  // first paint shows keys instead of a skeleton. The client keeps it fresh through the API.
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery({
    queryKey: apiKeyQueryKeys.list(session.organization.id),
    queryFn: () => listApiKeys(session, { status: "all" }),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ApiKeysClient
        organization={session.organization}
        role={session.role}
        isMember={session.isMember}
      />
    </HydrationBoundary>
  );
}
