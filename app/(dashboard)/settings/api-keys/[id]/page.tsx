import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiKeyDetailClient } from "@/components/api-keys/api-key-detail-client";
import { apiKeyQueryKeys } from "@/components/api-keys/api-key-query-keys";
import { env } from "@/lib/env";
import { getApiKeyDetail } from "@/server/api-keys/api-key-detail";
import { clientIp } from "@/server/core/client-ip";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { detailState } from "@/server/http/hydration-state";
import { visibleOrNotFound } from "@/server/http/visible-or-not-found";

export const metadata: Metadata = { title: "API key" };

export default async function ApiKeyDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireDashboardSession();
  // The same access rule as GET /api/v1/api-keys/{id}: members only reach their own keys.
  const key = await visibleOrNotFound(getApiKeyDetail(session, id));
  const state = detailState(apiKeyQueryKeys.detail(session.organization.id, key.id), key);
  return (
    <HydrationBoundary state={state}>
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
