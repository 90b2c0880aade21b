import {
  type Entitlements,
  type Feature,
  type Limit,
  PLAN_LABELS,
  requiredPlan,
} from "@/lib/plans";

/** The first plan with a feature, or with more of a limit than `beyond`. */
export function planWith(feature: keyof Entitlements, beyond = 0) {
  return (
    (typeof beyond === "number" && isLimit(feature)
      ? requiredPlan(feature, beyond)
      : requiredPlan(feature as Feature)) ?? "enterprise"
  );
}

function isLimit(name: keyof Entitlements): name is Limit {
  return name === "active_keys" || name === "audit_log_days";
}

/**
 * Marks what the organization's plan does not include, beside the feature shown disabled rather
 * than hidden: "Available on Team". For a limit, `beyond` is the current plan's value.
 */
export function AvailableOn({
  feature,
  beyond,
  className = "",
}: {
  feature: keyof Entitlements;
  beyond?: number;
  className?: string;
}) {
  return (
    <span
      className={`inline-flex items-center rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800 ring-1 ring-inset ring-violet-600/20 ${className}`}
    >
      {isLimit(feature) ? "More on" : "Available on"} {PLAN_LABELS[planWith(feature, beyond)]}
    </span>
  );
}
