"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { inputClass } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { ENTITLEMENT_LABELS, type Entitlements, PLAN_LABELS, PLANS, type Plan } from "@/lib/plans";
import { useOrganizationDetail, useUpdateOrganization } from "./organization-queries";

/** How one entitlement reads: a feature included or not, a cap, a window. */
function entitlementText(name: keyof Entitlements, value: number | boolean): string {
  if (typeof value === "boolean") return value ? "Included" : "Not included";
  if (name === "audit_log_days") return `${value} days`;
  return value.toLocaleString("en-US");
}

/**
 * Settings > General's plan: what it includes, usage against its caps, and for platform admins
 * the plan to move the organization to (PATCH /organizations/{id} {"plan"}).
 */
export function PlanPanel({
  organizationId,
  canChangePlan,
}: {
  organizationId: string;
  canChangePlan: boolean;
}) {
  const detail = useOrganizationDetail(organizationId);
  return (
    <Panel
      id="plan"
      title="Plan"
      description="What this organization may use. A smaller plan never weakens security: allowlists, limits and policies already set stay enforced, and what it no longer includes becomes read-only."
    >
      {detail.isPending ? (
        <div role="status" aria-label="Loading the plan" className="mt-4 space-y-2">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : detail.isError ? (
        <div className="mt-4">
          <ErrorState
            title="The plan could not be loaded"
            message={detail.error.message}
            onRetry={() => void detail.refetch()}
            retrying={detail.isFetching}
          />
        </div>
      ) : (
        <div className="mt-4 space-y-4">
          <p className="text-sm text-slate-700">
            <span className="text-2xl font-semibold text-slate-900" data-testid="plan-name">
              {PLAN_LABELS[detail.data.plan]}
            </span>{" "}
            · {detail.data.usage.active_keys.used.toLocaleString("en-US")} of{" "}
            {detail.data.usage.active_keys.limit.toLocaleString("en-US")} active keys in use
          </p>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            {(Object.keys(ENTITLEMENT_LABELS) as (keyof Entitlements)[]).map((name) => {
              const value = detail.data.entitlements[name];
              return (
                <div
                  key={name}
                  className="flex justify-between gap-3 border-b border-slate-100 py-1"
                >
                  <dt className="text-slate-600">{ENTITLEMENT_LABELS[name]}</dt>
                  <dd className={value === false ? "text-slate-500" : "font-medium text-slate-900"}>
                    {entitlementText(name, value)}
                  </dd>
                </div>
              );
            })}
          </dl>
          {canChangePlan ? (
            <ChangePlan organizationId={organizationId} current={detail.data.plan} />
          ) : null}
        </div>
      )}
    </Panel>
  );
}

function ChangePlan({ organizationId, current }: { organizationId: string; current: Plan }) {
  const id = useId();
  const update = useUpdateOrganization(organizationId);
  const [plan, setPlan] = useState<Plan>(current);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (plan === current) return;
        update.mutate(
          { plan },
          {
            onSuccess: (org) => setMessage(`Moved to ${PLAN_LABELS[org.plan]}.`),
            onError: (e) => setMessage(`The plan was not changed: ${e.message}`),
          },
        );
      }}
    >
      <div className="space-y-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          Plan (platform admins)
        </label>
        <select
          id={id}
          value={plan}
          onChange={(e) => {
            setPlan(e.target.value as Plan);
            setMessage(null);
          }}
          className={`${inputClass} w-44`}
        >
          {PLANS.map((p) => (
            <option key={p} value={p}>
              {PLAN_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary" disabled={plan === current || update.isPending}>
        {update.isPending ? "Changing…" : "Change plan"}
      </Button>
      {message ? (
        <p role="status" className="w-full text-sm text-slate-700">
          {message}
        </p>
      ) : null}
    </form>
  );
}
