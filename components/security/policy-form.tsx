"use client";

import { type FormEvent, type ReactNode, useId, useState } from "react";
import type { CredentialPolicies } from "@/components/organizations/organization-queries";
import { useUpdateOrganization } from "@/components/organizations/organization-queries";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/** The form's state: each number policy as text plus whether it is on. */
interface Draft {
  lifetimeOn: boolean;
  lifetimeDays: string;
  unusedOn: boolean;
  unusedDays: string;
  keyCreators: CredentialPolicies["key_creators"];
  requireApproval: boolean;
  requireAllowlist: boolean;
}

function draftOf(p: CredentialPolicies): Draft {
  return {
    lifetimeOn: p.max_key_lifetime_days !== null,
    lifetimeDays: String(p.max_key_lifetime_days ?? 90),
    unusedOn: p.revoke_unused_after_days !== null,
    unusedDays: String(p.revoke_unused_after_days ?? 90),
    keyCreators: p.key_creators,
    requireApproval: p.require_key_approval,
    requireAllowlist: p.require_allowlist_for_live_keys,
  };
}

function policiesOf(d: Draft): CredentialPolicies {
  return {
    max_key_lifetime_days: d.lifetimeOn ? Number(d.lifetimeDays) : null,
    revoke_unused_after_days: d.unusedOn ? Number(d.unusedDays) : null,
    key_creators: d.keyCreators,
    require_key_approval: d.requireApproval,
    require_allowlist_for_live_keys: d.requireAllowlist,
  };
}

/** The policies that differ from what is saved: PATCH sends only those. */
function changes(saved: CredentialPolicies, next: CredentialPolicies): Partial<CredentialPolicies> {
  return Object.fromEntries(
    (Object.keys(next) as (keyof CredentialPolicies)[])
      .filter((k) => next[k] !== saved[k])
      .map((k) => [k, next[k]]),
  );
}

/**
 * The credential policies, GitHub's organization token policies: one form, saved together. Owners
 * on a plan with policies change them; everyone else reads them (`editable` false).
 */
export function PolicyForm({
  organizationId,
  saved,
  editable,
}: {
  organizationId: string;
  saved: CredentialPolicies;
  editable: boolean;
}) {
  const id = useId();
  const update = useUpdateOrganization(organizationId);
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [error, setError] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState(false);
  const next = policiesOf(draft);
  const changed = changes(saved, next);
  const dirty = Object.keys(changed).length > 0;
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSavedNote(false);
    setError(null);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!editable || !dirty || update.isPending) return;
    update.mutate(
      { policies: changed },
      {
        onSuccess: (organization) => {
          setDraft(draftOf(organization.policies));
          setSavedNote(true);
        },
        onError: (e) => setError(`The policies were not saved: ${e.message}`),
      },
    );
  }

  return (
    <form onSubmit={submit} className="mt-4 space-y-5" aria-label="Credential policies">
      <fieldset disabled={!editable || update.isPending} className="space-y-5">
        <DaysPolicy
          id={`${id}-lifetime`}
          label="Maximum key lifetime"
          hint="New and rotated keys must expire within this many days; “Never” is not offered."
          on={draft.lifetimeOn}
          days={draft.lifetimeDays}
          min={1}
          onToggle={(lifetimeOn) => set({ lifetimeOn })}
          onDays={(lifetimeDays) => set({ lifetimeDays })}
        />
        <DaysPolicy
          id={`${id}-unused`}
          label="Revoke keys unused for"
          hint="Keys not used for this many days are revoked. Their holders are warned by email and webhook 7 days ahead."
          on={draft.unusedOn}
          days={draft.unusedDays}
          min={14}
          onToggle={(unusedOn) => set({ unusedOn })}
          onDays={(unusedDays) => set({ unusedDays })}
        />
        <div>
          <p id={`${id}-creators`} className="text-sm font-medium text-slate-900">
            Who may create keys
          </p>
          <div role="radiogroup" aria-labelledby={`${id}-creators`} className="mt-2 space-y-2">
            {(
              [
                ["members", "Every member"],
                ["admins", "Admins and owners only"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="radio"
                  name={`${id}-creators`}
                  value={value}
                  checked={draft.keyCreators === value}
                  onChange={() => set({ keyCreators: value })}
                  className="size-4 accent-brand-600"
                />
                {label}
              </label>
            ))}
          </div>
        </div>
        <Toggle
          label="Require approval of keys members create"
          hint="A member's new key answers 401 until an owner or admin approves it in Settings > API Keys."
          checked={draft.requireApproval}
          onChange={(requireApproval) => set({ requireApproval })}
        />
        <Toggle
          label="Require an IP allowlist on live keys"
          hint="vlt_live_ keys must list the addresses they are used from."
          checked={draft.requireAllowlist}
          onChange={(requireAllowlist) => set({ requireAllowlist })}
        />
      </fieldset>
      {error ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {error}
        </p>
      ) : null}
      {editable ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={!dirty || update.isPending}>
            {update.isPending ? "Saving…" : "Save policies"}
          </Button>
          {savedNote ? (
            <p role="status" className="text-sm text-emerald-700">
              Saved. Every instance applies the policies within a second.
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

function Toggle({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.checked)}
        className="mt-0.5 size-4 shrink-0 accent-brand-600 disabled:cursor-not-allowed"
      />
      <div className="text-sm">
        <label htmlFor={id} className="font-medium text-slate-900">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-slate-500">
          {hint}
        </p>
      </div>
    </div>
  );
}

function DaysPolicy({
  id,
  label,
  hint,
  on,
  days,
  min,
  onToggle,
  onDays,
}: {
  id: string;
  label: string;
  hint: string;
  on: boolean;
  days: string;
  min: number;
  onToggle: (on: boolean) => void;
  onDays: (days: string) => void;
}) {
  return (
    <div className="space-y-2">
      <Toggle label={label} hint={hint} checked={on} onChange={onToggle} />
      {on ? (
        <div className="ml-7 flex items-center gap-2">
          <div className="w-28">
            <input
              id={`${id}-days`}
              type="number"
              inputMode="numeric"
              required
              min={min}
              max={3650}
              step={1}
              value={days}
              onChange={(e) => onDays(e.target.value)}
              aria-label={`${label} (days)`}
              className={inputClass}
            />
          </div>
          <span className="text-sm text-slate-600">days</span>
        </div>
      ) : null}
    </div>
  );
}
