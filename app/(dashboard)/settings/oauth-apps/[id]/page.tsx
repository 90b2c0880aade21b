import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OAuthAppDetailClient } from "@/components/oauth-apps/oauth-app-detail-client";
import { oauthAppQueryKeys } from "@/components/oauth-apps/oauth-app-query-keys";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { detailState } from "@/server/http/hydration-state";
import { visibleOrNotFound } from "@/server/http/visible-or-not-found";
import { getOAuthApp } from "@/server/oauth-apps/get-oauth-app";

export const metadata: Metadata = { title: "OAuth app" };

export default async function OAuthAppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireDashboardSession();
  // Members have no OAuth apps pages at all: the same 404 as the list.
  if (!session.scopes.includes("read:oauth-apps")) notFound();
  // The same access rule as GET /api/v1/oauth-apps/{id}: apps of the current organization.
  const app = await visibleOrNotFound(getOAuthApp(session, id));
  const canWrite = session.scopes.includes("write:oauth-apps");
  const state = detailState(oauthAppQueryKeys.detail(session.organization.id, app.id), app);
  return (
    <HydrationBoundary state={state}>
      <OAuthAppDetailClient
        appId={app.id}
        organization={session.organization}
        // A platform admin visiting reads and deletes; only members change apps (assertMember).
        canEdit={canWrite && session.isMember}
        canDelete={canWrite}
      />
    </HydrationBoundary>
  );
}
