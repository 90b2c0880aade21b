"use client";

import { useState } from "react";
import { ErrorState } from "@/components/ui/error-state";
import { LoadMore } from "@/components/ui/load-more";
import { Skeleton } from "@/components/ui/skeleton";
import { DeliveryItem } from "./delivery-item";
import { useDeliveries, useResendDelivery } from "./webhook-queries";
import type { Webhook } from "./webhook-types";

/**
 * The endpoint's deliveries of the last 30 days, newest first, with "Load more". It polls while a
 * delivery is pending, until `pollUntil` (bumped by a test event or a resend) has passed.
 */
export function DeliveriesLog({
  organizationId,
  webhook,
  canResend,
  pollUntil,
  onSent,
}: {
  organizationId: string;
  webhook: Webhook;
  canResend: boolean;
  pollUntil: number;
  /** A delivery was resent: the page polls for its outcome. */
  onSent: () => void;
}) {
  const deliveries = useDeliveries(organizationId, webhook.id, pollUntil);
  const resend = useResendDelivery(organizationId);
  const [error, setError] = useState<string | null>(null);
  const rows = deliveries.data?.pages.flatMap((page) => page.data) ?? [];

  if (deliveries.isPending) {
    return (
      <div role="status" aria-label="Loading deliveries" className="space-y-3">
        <Skeleton className="h-20 w-full rounded-lg" />
        <Skeleton className="h-20 w-full rounded-lg" />
      </div>
    );
  }
  if (deliveries.isError && !deliveries.data) {
    return (
      <ErrorState
        title="Deliveries could not be loaded"
        message={deliveries.error.message}
        onRetry={() => void deliveries.refetch()}
        retrying={deliveries.isFetching}
      />
    );
  }
  if (rows.length === 0) {
    return (
      <p className="rounded-lg bg-slate-50 px-4 py-6 text-center text-sm text-slate-600 ring-1 ring-slate-200 ring-inset">
        No deliveries in the last 30 days. Events this endpoint subscribes to appear here as they
        are sent; a test event shows how your receiver answers.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      {error ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {error}
        </p>
      ) : null}
      <ul aria-label="Deliveries" className="space-y-2">
        {rows.map((delivery) => (
          <DeliveryItem
            key={delivery.id}
            delivery={delivery}
            resending={resend.isPending && resend.variables?.deliveryId === delivery.id}
            resendDisabledReason={
              webhook.enabled ? undefined : "Enable the endpoint to resend deliveries"
            }
            onResend={
              canResend
                ? () => {
                    setError(null);
                    resend.mutate(
                      { webhookId: webhook.id, deliveryId: delivery.id },
                      {
                        onSuccess: onSent,
                        onError: (e) => setError(`The delivery was not resent: ${e.message}`),
                      },
                    );
                  }
                : undefined
            }
          />
        ))}
      </ul>
      <LoadMore query={deliveries} items="deliveries" />
    </div>
  );
}
