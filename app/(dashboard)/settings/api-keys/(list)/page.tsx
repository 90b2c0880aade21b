import { HydrationBoundary } from "@tanstack/react-query";
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
import { firstPageState } from "@/server/http/hydration-state";

export const metadata: Metadata = { title: "API Keys" };

export default async function ApiKeysPage() {
  const session = await requireDashboardSession();
  // The first page the list opens with (what GET /api/v1/api-keys serves for it).
  const search = apiKeyListSearch(DEFAULT_API_KEY_FILTERS);
  const state = await firstPageState(apiKeyQueryKeys.list(session.organization.id, search), () =>
    listApiKeys(
      session,
      parseOrThrow(listApiKeysQuerySchema, Object.fromEntries(new URLSearchParams(search))),
    ),
  );
  return (
    <HydrationBoundary state={state}>
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
