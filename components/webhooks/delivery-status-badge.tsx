import type { WebhookDelivery } from "./webhook-types";

const STATUSES: Record<WebhookDelivery["status"], { label: string; className: string }> = {
  pending: { label: "Pending", className: "bg-amber-50 text-amber-800 ring-amber-600/20" },
  delivered: {
    label: "Delivered",
    className: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  },
  failed: { label: "Failed", className: "bg-red-50 text-red-700 ring-red-600/20" },
};

/** Pending, Delivered or Failed, as a pill: the word carries the meaning, the colour only helps. */
export function DeliveryStatusBadge({ status }: { status: WebhookDelivery["status"] }) {
  const s = STATUSES[status];
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${s.className}`}
    >
      {s.label}
    </span>
  );
}
