import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ConnectedAppsClient } from "@/components/oauth-grants/connected-apps-client";
import { oauthGrantQueryKeys } from "@/components/oauth-grants/oauth-grant-query-keys";
import { parseOrThrow } from "@/server/core/validation";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { listOAuthGrants } from "@/server/oauth-grants/list-oauth-grants";
import { listOAuthGrantsQuerySchema } from "@/server/oauth-grants/schemas";

export const metadata: Metadata = { title: "Connected apps" };

/**
 * Settings > Connected apps, for everyone signed in: the apps the user authorized, in every
 * organization (GET /api/v1/oauth-grants), each revocable.
 */
export default async function ConnectedAppsPage() {
  const session = await requireDashboardSession();
  // Prefetch the first page, so the first paint shows the apps instead of a skeleton.
  const queryClient = new QueryClient();
  await queryClient.prefetchInfiniteQuery({
    queryKey: oauthGrantQueryKeys.mine(),
    queryFn: () => listOAuthGrants(session, parseOrThrow(listOAuthGrantsQuerySchema, {})),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ConnectedAppsClient />
    </HydrationBoundary>
  );
}
