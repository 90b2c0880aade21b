import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OAuthAppDetailClient } from "@/components/oauth-apps/oauth-app-detail-client";
import { oauthAppQueryKeys } from "@/components/oauth-apps/oauth-app-query-keys";
import { ApiError } from "@/server/core/api-error";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { getOAuthApp } from "@/server/oauth-apps/get-oauth-app";
import type { PublicOAuthApp } from "@/server/oauth-apps/schemas";

export const metadata: Metadata = { title: "OAuth app" };

export default async function OAuthAppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireDashboardSession();
  // Members have no OAuth apps pages at all: the same 404 as the list.
  if (!session.scopes.includes("read:oauth-apps")) notFound();
  let app: PublicOAuthApp;
  try {
    // The same access rule as GET /api/v1/oauth-apps/{id}: apps of the current organization.
    app = await getOAuthApp(session, id);
  } catch (error) {
    // Another organization's app (say, after switching), or no such app: the page does not exist.
    if (error instanceof ApiError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) {
      notFound();
    }
    throw error;
  }
  const queryClient = new QueryClient();
  queryClient.setQueryData(oauthAppQueryKeys.detail(session.organization.id, app.id), app);
  const canWrite = session.scopes.includes("write:oauth-apps");
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
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
