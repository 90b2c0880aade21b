import type { Webhook } from "./webhook-types";

const STATES = {
  enabled: {
    label: "Enabled",
    className: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
    title: "Events are sent to this endpoint",
  },
  failing: {
    label: "Disabled (failing)",
    className: "bg-red-50 text-red-700 ring-red-600/20",
    title: "Turned off after every attempt of a delivery failed for about a day",
  },
  manual: {
    label: "Disabled",
    className: "bg-slate-100 text-slate-700 ring-slate-500/20",
    title: "Turned off: events wait until it is enabled again",
  },
} as const;

export function webhookState(hook: Pick<Webhook, "enabled" | "disabled_reason">) {
  if (hook.enabled) return STATES.enabled;
  return hook.disabled_reason === "failing" ? STATES.failing : STATES.manual;
}

/** Enabled, Disabled (failing) or Disabled, as a pill: the words carry the meaning. */
export function WebhookStatusBadge({
  webhook,
}: {
  webhook: Pick<Webhook, "enabled" | "disabled_reason">;
}) {
  const state = webhookState(webhook);
  return (
    <span
      title={state.title}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${state.className}`}
    >
      {state.label}
    </span>
  );
}
