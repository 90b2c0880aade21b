import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { oauthAppQueryKeys } from "@/components/oauth-apps/oauth-app-query-keys";
import { OAuthAppsClient } from "@/components/oauth-apps/oauth-apps-client";
import { parseOrThrow } from "@/server/core/validation";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { firstPageState } from "@/server/http/hydration-state";
import { listOAuthApps } from "@/server/oauth-apps/list-oauth-apps";
import { listOAuthAppsQuerySchema } from "@/server/oauth-apps/schemas";
import { cachedGovernance } from "@/server/organizations/governance";

export const metadata: Metadata = { title: "OAuth apps" };

/**
 * Settings > OAuth apps, for owners and admins (read:oauth-apps). Members do not see it in their
 * navigation and get a 404 here, as GET /oauth-apps answers them 403.
 */
export default async function OAuthAppsPage() {
  const session = await requireDashboardSession();
  if (!session.scopes.includes("read:oauth-apps")) notFound();
  const { entitlements } = await cachedGovernance(session.organization.id);
  const state = await firstPageState(oauthAppQueryKeys.list(session.organization.id), () =>
    listOAuthApps(session, parseOrThrow(listOAuthAppsQuerySchema, {})),
  );
  return (
    <HydrationBoundary state={state}>
      <OAuthAppsClient
        organization={session.organization}
        isMember={session.isMember}
        // A platform admin visiting holds the scope but only reads and deletes (assertMember).
        canRegister={session.scopes.includes("write:oauth-apps") && session.isMember}
        included={entitlements.oauth_apps}
      />
    </HydrationBoundary>
  );
}
