import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { apiKeyListSearch, DEFAULT_API_KEY_FILTERS } from "@/components/api-keys/api-key-filters";
import { apiKeyQueryKeys } from "@/components/api-keys/api-key-query-keys";
import { ApiKeysClient } from "@/components/api-keys/api-keys-client";
import { listApiKeys } from "@/server/api-keys/list-api-keys";
import { listApiKeysQuerySchema } from "@/server/api-keys/schemas";
import { clientIp } from "@/server/core/client-ip";
import { parseOrThrow } from "@/server/core/validation";
import { requireDashboardSession } from "@/server/http/dashboard-session";

export const metadata: Metadata = { title: "API Keys" };

export default async function ApiKeysPage() {
  const session = await requireDashboardSession();
  // Prefetch the first page the list opens with (what GET /api/v1/api-keys serves for it), so the
  // first paint shows keys instead of a skeleton. The client keeps it fresh through the API.
  const queryClient = new QueryClient();
  const search = apiKeyListSearch(DEFAULT_API_KEY_FILTERS);
  await queryClient.prefetchInfiniteQuery({
    queryKey: apiKeyQueryKeys.list(session.organization.id, search),
    queryFn: () =>
      listApiKeys(
        session,
        parseOrThrow(listApiKeysQuerySchema, Object.fromEntries(new URLSearchParams(search))),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ApiKeysClient
        organization={session.organization}
        role={session.role}
        isMember={session.isMember}
        // The address the API sees for this browser: the allowlist's one-click entry.
        currentIp={clientIp(await headers())}
      />
    </HydrationBoundary>
  );
}
