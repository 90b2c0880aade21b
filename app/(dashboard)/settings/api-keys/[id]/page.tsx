import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { ApiKeyDetailClient } from "@/components/api-keys/api-key-detail-client";
import { apiKeyQueryKeys } from "@/components/api-keys/api-key-query-keys";
import { env } from "@/lib/env";
import { type ApiKeyDetail, getApiKeyDetail } from "@/server/api-keys/api-key-detail";
import { ApiError } from "@/server/core/api-error";
import { clientIp } from "@/server/core/client-ip";
import { requireDashboardSession } from "@/server/http/dashboard-session";

export const metadata: Metadata = { title: "API key" };

export default async function ApiKeyDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireDashboardSession();
  let key: ApiKeyDetail;
  try {
    // The same access rule as GET /api/v1/api-keys/{id}: members only reach their own keys.
    key = await getApiKeyDetail(session, id);
  } catch (error) {
    // Another organization's key (say, after switching) or no such key: the page does not exist.
    if (error instanceof ApiError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) {
      notFound();
    }
    throw error;
  }
  const queryClient = new QueryClient();
  queryClient.setQueryData(apiKeyQueryKeys.detail(session.organization.id, key.id), key);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ApiKeyDetailClient
        keyId={key.id}
        organization={session.organization}
        role={session.role}
        currentUserId={session.user.id}
        // The address the API sees for this browser: the allowlist's one-click entry.
        currentIp={clientIp(await headers())}
        rateLimitMax={env().RATE_LIMIT_KEY_MAX}
        rotateBlockedReason={
          // The API refuses rotation by a non-member (assertMember): say so before they try.
          session.isMember
            ? null
            : `Only members of ${session.organization.name} can rotate its keys: a platform admin can rename or revoke them.`
        }
      />
    </HydrationBoundary>
  );
}
