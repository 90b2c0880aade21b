import { type Entitlements, type Feature, PLAN_LABELS } from "@/lib/plans";
import { AvailableOn, planWith } from "./available-on";
import { Button } from "./button";

/**
 * A list's primary action that the organization's plan does not include: shown, disabled, with
 * the plan that has it, rather than hidden (so people learn it exists and where it is).
 */
export function UnavailableAction({ feature, label }: { feature: Feature; label: string }) {
  const hintId = `unavailable-${feature}`;
  return (
    <div className="flex shrink-0 flex-col items-start gap-1.5 sm:items-end">
      <Button disabled aria-describedby={hintId}>
        {label}
      </Button>
      <AvailableOn feature={feature} />
      <span id={hintId} className="sr-only">
        Not included in this organization&apos;s plan: available on {PLAN_LABELS[planWith(feature)]}
        .
      </span>
    </div>
  );
}

/** Why a feature is read-only here: the plan, and what happened to what was set before. */
export function PlanNote({
  feature,
  beyond,
  children,
}: {
  feature: keyof Entitlements;
  beyond?: number;
  children: React.ReactNode;
}) {
  return (
    <p
      role="note"
      className="max-w-2xl rounded-md bg-violet-50 px-3 py-2 text-sm text-violet-900 ring-1 ring-violet-200"
    >
      <AvailableOn feature={feature} beyond={beyond} className="mr-2" />
      {children}
    </p>
  );
}
