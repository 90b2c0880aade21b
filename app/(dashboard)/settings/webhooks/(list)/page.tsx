import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { webhookQueryKeys } from "@/components/webhooks/webhook-query-keys";
import { WebhooksClient } from "@/components/webhooks/webhooks-client";
import { parseOrThrow } from "@/server/core/validation";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { firstPageState } from "@/server/http/hydration-state";
import { cachedGovernance } from "@/server/organizations/governance";
import { listWebhooks } from "@/server/webhooks/list-webhooks";
import { listWebhooksQuerySchema } from "@/server/webhooks/schemas";

export const metadata: Metadata = { title: "Webhooks" };

/**
 * Settings > Webhooks, for owners and admins (read:webhooks). Members do not see it in their
 * navigation and get a 404 here, as GET /webhooks answers them 403.
 */
export default async function WebhooksPage() {
  const session = await requireDashboardSession();
  if (!session.scopes.includes("read:webhooks")) notFound();
  const { entitlements } = await cachedGovernance(session.organization.id);
  const state = await firstPageState(webhookQueryKeys.list(session.organization.id), () =>
    listWebhooks(session, parseOrThrow(listWebhooksQuerySchema, {})),
  );
  return (
    <HydrationBoundary state={state}>
      <WebhooksClient
        organization={session.organization}
        isMember={session.isMember}
        // A platform admin visiting holds the scope but only reads, tests and deletes.
        canAdd={session.scopes.includes("write:webhooks") && session.isMember}
        included={entitlements.webhooks}
      />
    </HydrationBoundary>
  );
}
