import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WebhookDetailClient } from "@/components/webhooks/webhook-detail-client";
import { webhookQueryKeys } from "@/components/webhooks/webhook-query-keys";
import { ApiError } from "@/server/core/api-error";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { getWebhook } from "@/server/webhooks/get-webhook";
import type { PublicWebhook } from "@/server/webhooks/schemas";

export const metadata: Metadata = { title: "Webhook endpoint" };

/** An endpoint's page: the owners' "endpoint disabled" email links here. */
export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireDashboardSession();
  // Members have no webhooks pages at all: the same 404 as the list.
  if (!session.scopes.includes("read:webhooks")) notFound();
  let webhook: PublicWebhook;
  try {
    // The same access rule as GET /api/v1/webhooks/{id}: endpoints of the current organization.
    webhook = await getWebhook(session, id);
  } catch (error) {
    // Another organization's endpoint (say, after switching), or none: the page does not exist.
    if (error instanceof ApiError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) {
      notFound();
    }
    throw error;
  }
  const queryClient = new QueryClient();
  queryClient.setQueryData(webhookQueryKeys.detail(session.organization.id, webhook.id), webhook);
  const canWrite = session.scopes.includes("write:webhooks");
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <WebhookDetailClient
        webhookId={webhook.id}
        organization={session.organization}
        // A platform admin visiting tests, resends and deletes; only members change endpoints.
        canEdit={canWrite && session.isMember}
        canOperate={canWrite}
      />
    </HydrationBoundary>
  );
}
