"use client";

import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { useThirdPartyAccess, useUpdateThirdPartyAccess } from "./oauth-grant-queries";
import { THIRD_PARTY_ACCESS_OPTIONS, type ThirdPartyAccess } from "./oauth-grant-types";

/**
 * The organization's third-party application access policy, like GitHub's: any app, or only the
 * apps the organization registered itself. Owners change it; admins see it read-only.
 */
export function ThirdPartyPolicyPanel({
  organization,
  canChange,
}: {
  organization: { id: string; name: string };
  canChange: boolean;
}) {
  const policy = useThirdPartyAccess(organization);
  return (
    <Panel
      id="third-party-policy"
      title="Third-party application access policy"
      description={`Which OAuth apps members may authorize to act for them in ${organization.name}.`}
    >
      {policy.isPending ? (
        <div role="status" aria-label="Loading the policy" className="mt-4 space-y-3">
          <Skeleton className="h-5 w-48" />
          <Skeleton className="h-5 w-72 max-w-full" />
        </div>
      ) : policy.isError ? (
        <div className="mt-4">
          <ErrorState
            title="The policy could not be loaded"
            message={policy.error.message}
            onRetry={() => void policy.refetch()}
            retrying={policy.isFetching}
          />
        </div>
      ) : (
        <PolicyForm organizationId={organization.id} current={policy.data} canChange={canChange} />
      )}
    </Panel>
  );
}

function PolicyForm({
  organizationId,
  current,
  canChange,
}: {
  organizationId: string;
  current: ThirdPartyAccess;
  canChange: boolean;
}) {
  const id = useId();
  const update = useUpdateThirdPartyAccess(organizationId);
  // What the owner picked, or null for "as saved": a policy saved elsewhere then shows through.
  const [picked, setPicked] = useState<ThirdPartyAccess | null>(null);
  const choice = picked ?? current;
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const changed = choice !== current;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!canChange || !changed || update.isPending) return;
    setError(null);
    update.mutate(choice, {
      onSuccess: () => {
        setPicked(null);
        setSaved(true);
      },
      onError: (e) => setError(`The policy was not saved: ${e.message}`),
    });
  }

  return (
    <form onSubmit={submit} className="mt-4 space-y-4">
      {canChange ? null : (
        <p
          role="note"
          className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200"
        >
          Only owners can change this.
        </p>
      )}
      <fieldset disabled={!canChange || update.isPending} className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">Apps members may authorize</legend>
        {THIRD_PARTY_ACCESS_OPTIONS.map((option) => {
          const inputId = `${id}-${option.value}`;
          return (
            <div key={option.value} className="flex items-start gap-3">
              <input
                id={inputId}
                type="radio"
                name="third_party_access"
                value={option.value}
                checked={choice === option.value}
                aria-describedby={`${inputId}-hint`}
                onChange={() => {
                  setPicked(option.value);
                  setSaved(false);
                  setError(null);
                }}
                className="mt-0.5 size-4 shrink-0 accent-brand-600 disabled:cursor-not-allowed"
              />
              <div className="min-w-0 text-sm">
                <label htmlFor={inputId} className="font-medium text-slate-900">
                  {option.label}
                  {option.value === current ? (
                    <span className="ml-2 text-xs font-normal text-slate-500">(current)</span>
                  ) : null}
                </label>
                <p id={`${inputId}-hint`} className="text-slate-500">
                  {option.hint}
                </p>
              </div>
            </div>
          );
        })}
      </fieldset>
      <p className="max-w-prose text-sm text-slate-600">
        Grants the policy forbids stop working at once: their apps&apos; tokens are refused from the
        next request, and members cannot authorize those apps again while it stands.
      </p>
      {error ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {error}
        </p>
      ) : null}
      {canChange ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={!changed || update.isPending}>
            {update.isPending ? "Saving…" : "Save policy"}
          </Button>
          <p role="status" className="text-sm text-emerald-700">
            {saved ? "Saved. It applies from the next request." : ""}
          </p>
        </div>
      ) : null}
    </form>
  );
}
