"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { DateWithHint } from "@/components/ui/relative-time";
import { DeliveryStatusBadge } from "./delivery-status-badge";
import type { WebhookDelivery } from "./webhook-types";

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-800 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

/**
 * One delivery in the log: its event, status, the last answer's code and latency, attempts and
 * time, the body sent behind a disclosure, and Resend (`onResend` absent: not offered).
 */
export function DeliveryItem({
  delivery,
  onResend,
  resending,
  resendDisabledReason,
}: {
  delivery: WebhookDelivery;
  onResend?: () => void;
  resending: boolean;
  /** Why Resend is off (a disabled endpoint), said in its title. */
  resendDisabledReason?: string;
}) {
  return (
    <li
      data-delivery-id={delivery.id}
      className="min-w-0 rounded-lg p-3 ring-1 ring-slate-200 ring-inset sm:p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <span className="font-mono text-xs font-medium break-all text-slate-900">
            {delivery.event_type}
          </span>
          <DeliveryStatusBadge status={delivery.status} />
        </div>
        {onResend ? (
          <Button
            variant="secondary"
            className="px-2.5 py-1 text-xs"
            onClick={onResend}
            disabled={resending || Boolean(resendDisabledReason)}
            title={resendDisabledReason}
            aria-label={`Resend this ${delivery.event_type} delivery`}
          >
            {resending ? "Resending…" : "Resend"}
          </Button>
        ) : null}
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2 text-xs sm:grid-cols-4">
        <Meta label="Response">
          {delivery.response_status ?? (delivery.attempts === 0 ? "Not sent yet" : "No answer")}
        </Meta>
        <Meta label="Latency">
          {delivery.latency_ms === null ? "—" : `${delivery.latency_ms} ms`}
        </Meta>
        <Meta label="Attempts">{delivery.attempts}</Meta>
        <Meta label="Created">
          <DateWithHint date={delivery.created_at} tense="past" inline />
        </Meta>
        {delivery.status === "pending" && delivery.next_attempt_at ? (
          <div className="col-span-2 sm:col-span-4">
            <Meta label="Next attempt">
              <DateWithHint date={delivery.next_attempt_at} inline />
            </Meta>
          </div>
        ) : null}
        {delivery.last_error ? (
          <div className="col-span-2 sm:col-span-4">
            <Meta label="Last error">{delivery.last_error}</Meta>
          </div>
        ) : null}
      </dl>
      <details className="group mt-2 min-w-0">
        <summary className="cursor-pointer rounded text-xs font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
          Payload
        </summary>
        <pre
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs focus to scroll by keyboard
          tabIndex={0}
          className="mt-2 max-h-80 max-w-full overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800 ring-1 ring-slate-200"
        >
          {JSON.stringify(delivery.payload, null, 2)}
        </pre>
        <p className="mt-1 text-xs text-slate-500">
          <span className="font-medium">webhook-id</span>{" "}
          <code className="break-all">{delivery.message_id}</code>
        </p>
      </details>
    </li>
  );
}
