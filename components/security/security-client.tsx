"use client";

import { useOrganizationDetail } from "@/components/organizations/organization-queries";
import { AvailableOn } from "@/components/ui/available-on";
import { ErrorState } from "@/components/ui/error-state";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { PLAN_LABELS } from "@/lib/plans";
import { KeysBeyondLifetime } from "./keys-beyond-lifetime";
import { PolicyForm } from "./policy-form";

const NO_POLICIES = {
  max_key_lifetime_days: null,
  revoke_unused_after_days: null,
  key_creators: "members",
  require_key_approval: false,
  require_allowlist_for_live_keys: false,
} as const;

/**
 * Settings > Security: the organization's credential policies (owners change them, on a plan
 * that includes them) and the keys a maximum lifetime leaves out of policy.
 */
export function SecurityClient({
  organization,
  isOwner,
}: {
  organization: { id: string; name: string };
  isOwner: boolean;
}) {
  const detail = useOrganizationDetail(organization.id);
  if (detail.isPending) {
    return (
      <div role="status" aria-label="Loading the policies" className="space-y-3">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (detail.isError) {
    return (
      <ErrorState
        title="The policies could not be loaded"
        message={detail.error.message}
        onRetry={() => void detail.refetch()}
        retrying={detail.isFetching}
      />
    );
  }
  const { plan, entitlements, policies } = detail.data;
  const included = entitlements.credential_policies;
  const anySet = JSON.stringify(policies) !== JSON.stringify(NO_POLICIES);
  const editable = isOwner && included;
  return (
    <div className="space-y-8">
      <div>
        <h2 className="text-lg font-semibold text-slate-900">Security</h2>
        <p className="mt-1 max-w-prose text-sm text-slate-500">
          Rules for every API key made in{" "}
          <strong className="font-medium text-slate-800">{organization.name}</strong>.
        </p>
      </div>
      <Panel
        id="credential-policies"
        title={
          <span className="flex flex-wrap items-center gap-2">
            Credential policies
            {included ? null : <AvailableOn feature="credential_policies" />}
          </span>
        }
        description="Applied on every instance within a second of saving, and audited with their before and after."
      >
        {included ? (
          isOwner ? null : (
            <p
              role="note"
              className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200"
            >
              Only owners change these.
            </p>
          )
        ) : (
          <p
            role="note"
            className="mt-4 rounded-md bg-violet-50 px-3 py-2 text-sm text-violet-900 ring-1 ring-violet-200"
          >
            {anySet
              ? `The ${PLAN_LABELS[plan]} plan does not include credential policies. The ones set before stay enforced, read-only: a smaller plan never weakens security.`
              : `Credential policies are part of the Enterprise plan; ${organization.name} is on ${PLAN_LABELS[plan]}.`}
          </p>
        )}
        <PolicyForm organizationId={organization.id} saved={policies} editable={editable} />
      </Panel>
      {policies.max_key_lifetime_days !== null ? (
        <Panel
          id="beyond-lifetime"
          title="Keys beyond the maximum lifetime"
          description={`Keys in service that expire later than ${policies.max_key_lifetime_days} days from now, or never.`}
        >
          <KeysBeyondLifetime
            key={policies.max_key_lifetime_days}
            organizationId={organization.id}
            maxDays={policies.max_key_lifetime_days}
            canFix
          />
        </Panel>
      ) : null}
    </div>
  );
}
