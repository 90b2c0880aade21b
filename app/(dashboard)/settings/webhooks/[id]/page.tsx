import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WebhookDetailClient } from "@/components/webhooks/webhook-detail-client";
import { webhookQueryKeys } from "@/components/webhooks/webhook-query-keys";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { detailState } from "@/server/http/hydration-state";
import { visibleOrNotFound } from "@/server/http/visible-or-not-found";
import { getWebhook } from "@/server/webhooks/get-webhook";

export const metadata: Metadata = { title: "Webhook endpoint" };

/** An endpoint's page: the owners' "endpoint disabled" email links here. */
export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireDashboardSession();
  // Members have no webhooks pages at all: the same 404 as the list.
  if (!session.scopes.includes("read:webhooks")) notFound();
  // The same access rule as GET /api/v1/webhooks/{id}: endpoints of the current organization.
  const webhook = await visibleOrNotFound(getWebhook(session, id));
  const canWrite = session.scopes.includes("write:webhooks");
  const state = detailState(webhookQueryKeys.detail(session.organization.id, webhook.id), webhook);
  return (
    <HydrationBoundary state={state}>
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
