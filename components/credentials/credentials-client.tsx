"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { inputClass } from "@/components/ui/field";
import { ListHeader } from "@/components/ui/list-header";
import { LoadMore } from "@/components/ui/load-more";
import { LogSkeleton } from "@/components/ui/log-skeleton";
import { useToast } from "@/components/ui/toast";
import {
  type CredentialFilters,
  countLabel,
  credentialQuery,
  DAY_CHOICES,
  DEFAULT_CREDENTIAL_FILTERS,
  STALE_KEY_DAYS,
  TYPE_LABELS,
} from "./credential-filters";
import { useCredentials } from "./credential-queries";
import { CredentialsTable } from "./credentials-table";
import { RevokeCredentialsDialog, type RevokeRequest } from "./revoke-credentials-dialog";

interface CredentialsClientProps {
  organization: { id: string; name: string };
  /** The organization's members, by name, for the member filter. */
  members: { id: string; name: string; email: string }[];
  /** A platform admin visiting: may look and revoke, as everywhere. */
  visiting: boolean;
}

export function CredentialsClient(props: CredentialsClientProps) {
  // Filters and selection belong to one organization: switching starts afresh.
  return <CredentialsView key={props.organization.id} {...props} />;
}

function CredentialsView({ organization, members, visiting }: CredentialsClientProps) {
  const [filters, setFilters] = useState<CredentialFilters>(DEFAULT_CREDENTIAL_FILTERS);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [request, setRequest] = useState<RevokeRequest | null>(null);
  const { show, toast } = useToast();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const list = useCredentials(organization.id, credentialQuery(filters));
  const credentials = list.data?.pages.flatMap((page) => page.data) ?? [];
  const member = members.find((m) => m.id === filters.member);
  const ids = { member: useId(), type: useId(), unused: useId(), older: useId() };

  const update = (change: Partial<CredentialFilters>) => {
    setFilters((f) => ({ ...f, ...change }));
    // What is selected is what was seen: a new list starts with nothing selected.
    setSelected(new Set());
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const toggleAll = (shown: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const id of shown) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const defaults = Object.entries(filters).every(
    ([k, v]) => DEFAULT_CREDENTIAL_FILTERS[k as keyof CredentialFilters] === v,
  );

  return (
    <div className="space-y-6">
      <ListHeader
        title="Credentials"
        headingRef={headingRef}
        organizationName={organization.name}
        visitingNote={
          visiting
            ? "You are visiting as a platform admin: you can review and revoke credentials here."
            : undefined
        }
        description={
          <>
            Every credential that works in{" "}
            <strong className="font-medium text-slate-800 [overflow-wrap:anywhere]">
              {organization.name}
            </strong>{" "}
            today: API keys, members’ browser sessions, user tokens and apps they authorized. Revoke
            what is no longer needed; each revocation is in the audit log.
          </>
        }
        action={
          <Button
            variant="secondary"
            className="shrink-0"
            onClick={() =>
              setRequest({
                selector: { unused_days: STALE_KEY_DAYS },
                what: `the API keys unused for ${STALE_KEY_DAYS} days`,
              })
            }
          >
            Revoke keys unused for {STALE_KEY_DAYS} days
          </Button>
        }
      />

      <search
        aria-label="Filter the credentials"
        className="grid grid-cols-2 items-end gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 lg:grid-cols-4"
      >
        <div className="col-span-2 min-w-0 space-y-1 lg:col-span-1">
          <label htmlFor={ids.member} className="block text-xs font-medium text-slate-600">
            Member
          </label>
          <select
            id={ids.member}
            value={filters.member}
            onChange={(e) => update({ member: e.target.value })}
            className={`${inputClass} pr-8`}
          >
            <option value="">Every member</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.email})
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 space-y-1">
          <label htmlFor={ids.type} className="block text-xs font-medium text-slate-600">
            Type
          </label>
          <select
            id={ids.type}
            value={filters.type}
            onChange={(e) => update({ type: e.target.value as CredentialFilters["type"] })}
            className={`${inputClass} pr-8`}
          >
            <option value="">Every type</option>
            {Object.entries(TYPE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 space-y-1">
          <label htmlFor={ids.unused} className="block text-xs font-medium text-slate-600">
            Unused for
          </label>
          <select
            id={ids.unused}
            value={filters.unused}
            onChange={(e) => update({ unused: e.target.value })}
            className={`${inputClass} pr-8`}
          >
            <option value="">Any time</option>
            {DAY_CHOICES.map((d) => (
              <option key={d} value={String(d)}>
                {d} days or more
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 space-y-1">
          <label htmlFor={ids.older} className="block text-xs font-medium text-slate-600">
            Older than
          </label>
          <select
            id={ids.older}
            value={filters.older}
            onChange={(e) => update({ older: e.target.value })}
            className={`${inputClass} pr-8`}
          >
            <option value="">Any age</option>
            {DAY_CHOICES.map((d) => (
              <option key={d} value={String(d)}>
                {d} days
              </option>
            ))}
          </select>
        </div>
        {defaults ? null : (
          <div className="col-span-2 flex justify-end lg:col-span-4">
            <Button variant="ghost" onClick={() => update(DEFAULT_CREDENTIAL_FILTERS)}>
              Clear filters
            </Button>
          </div>
        )}
      </search>

      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        <Button
          variant="danger"
          disabled={selected.size === 0}
          onClick={() =>
            setRequest({ selector: { ids: [...selected] }, what: "the selected credentials" })
          }
        >
          {selected.size === 0
            ? "Revoke selected"
            : `Revoke selected (${countLabel(selected.size)})`}
        </Button>
        {member ? (
          <Button
            variant="secondary"
            onClick={() =>
              setRequest({
                selector: { member_id: member.id },
                what: `every credential of ${member.name} in ${organization.name}`,
              })
            }
          >
            Revoke all of {member.name}
          </Button>
        ) : null}
      </div>

      {list.isPending ? (
        <LogSkeleton label="Loading credentials" />
      ) : list.isError && !list.data ? (
        <ErrorState
          title="The credentials could not be loaded"
          message={list.error.message}
          onRetry={() => void list.refetch()}
          retrying={list.isFetching}
        />
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-slate-500" aria-live="polite">
            {list.isPlaceholderData
              ? "Searching…"
              : `${countLabel(credentials.length)}${list.hasNextPage ? " shown, more to load" : ""}`}
          </p>
          <div
            aria-busy={list.isPlaceholderData}
            className={list.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}
          >
            {credentials.length === 0 ? (
              <div className="rounded-xl bg-white px-6 py-10 text-center shadow-sm ring-1 ring-slate-200">
                <p className="text-sm font-medium text-slate-900">
                  {defaults ? "No working credentials" : "No credentials match these filters"}
                </p>
                <p className="mx-auto mt-1 max-w-lg text-sm text-slate-600">
                  {defaults
                    ? "API keys, sign-ins and app authorizations of this organization appear here while they work."
                    : "Try another member, type or age, or clear the filters."}
                </p>
              </div>
            ) : (
              <CredentialsTable
                credentials={credentials}
                selected={selected}
                onToggle={toggle}
                onToggleAll={toggleAll}
              />
            )}
          </div>
          <LoadMore query={list} items="credentials" />
        </div>
      )}

      {request ? (
        <RevokeCredentialsDialog
          organizationId={organization.id}
          request={request}
          onClose={() => setRequest(null)}
          onDone={(revoked) => {
            setRequest(null);
            setSelected(new Set());
            show(`Revoked ${countLabel(revoked)}`);
            headingRef.current?.focus();
          }}
        />
      ) : null}
      {toast}
    </div>
  );
}
