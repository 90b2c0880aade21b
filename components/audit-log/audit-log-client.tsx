"use client";

import { useId } from "react";
import { useMembers } from "@/components/api-keys/api-key-queries";
import { MemberOptions } from "@/components/api-keys/member-options";
import { AuditActionFilter } from "@/components/audit-log/audit-action-filter";
import { AuditEntryDialog } from "@/components/audit-log/audit-entry-dialog";
import {
  type AuditLogFilters,
  auditLogQuery,
  auditLogSearch,
  DEFAULT_AUDIT_LOG_FILTERS,
  isDefaultAuditFilters,
  selectedActions,
} from "@/components/audit-log/audit-log-filters";
import { useAuditLog } from "@/components/audit-log/audit-log-queries";
import { AuditLogTable } from "@/components/audit-log/audit-log-table";
import { Button, buttonClass } from "@/components/ui/button";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { ErrorState } from "@/components/ui/error-state";
import { inputClass } from "@/components/ui/field";
import { LoadMore } from "@/components/ui/load-more";
import { LogSkeleton } from "@/components/ui/log-skeleton";
import { OrganizationBadge } from "@/components/ui/organization-badge";
import { PlanNote, UnavailableAction } from "@/components/ui/unavailable-action";
import { useListFilters } from "@/components/ui/use-list-filters";

interface AuditLogClientProps {
  organization: { id: string; name: string };
  /** Every action the log records, for the action filter. */
  actions: string[];
  /** AUDIT_RETENTION_DAYS: how long entries are kept. */
  retentionDays: number;
  /** How far back the organization's plan reads the log (`audit_log_days`), in days. */
  historyDays: number;
  /** The plan includes the CSV export. */
  csvIncluded: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long typing in the target box pauses before the log is searched again. */
const TARGET_DEBOUNCE_MS = 300;

export function AuditLogClient(props: AuditLogClientProps) {
  // Filters belong to one organization: switching starts afresh.
  return <AuditLogView key={props.organization.id} {...props} />;
}

function AuditLogView({
  organization,
  actions,
  retentionDays,
  historyDays,
  csvIncluded,
}: AuditLogClientProps) {
  const {
    filters,
    text: targetText,
    setText: setTargetText,
    update,
    reset: resetFilters,
  } = useListFilters<AuditLogFilters>(DEFAULT_AUDIT_LOG_FILTERS, "target", TARGET_DEBOUNCE_MS);
  const clearFilters = () => resetFilters();

  // Only actions the log knows, in one order: a hand-edited URL cannot make the query fail.
  const chosenActions = selectedActions(filters.action, actions);
  const queried = { ...filters, action: chosenActions.join(",") };
  const search = auditLogSearch(queried);
  // A range that ends before it starts is said here, not sent to be refused.
  const badRange = filters.from !== "" && filters.to !== "" && filters.from > filters.to;
  // Past the plan's history the API refuses (403 plan): said here instead of asked.
  const planLimited = historyDays < retentionDays;
  const beforeHistory =
    planLimited &&
    filters.from !== "" &&
    new Date(`${filters.from}T23:59:59`).getTime() < Date.now() - historyDays * DAY_MS;
  const log = useAuditLog(organization.id, auditLogQuery(queried), !badRange && !beforeHistory);
  const members = useMembers(organization.id, true);
  const entries = log.data?.pages.flatMap((page) => page.data) ?? [];
  const defaults = isDefaultAuditFilters(filters);
  const ids = {
    actor: useId(),
    target: useId(),
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-lg font-semibold text-slate-900">Audit log</h2>
            <OrganizationBadge name={organization.name} />
          </div>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Who did what in{" "}
            <strong className="font-medium text-slate-800">{organization.name}</strong>: keys,
            sign-ins revoked, members, invitations and roles, newest first. Entries are kept for{" "}
            {retentionDays === 365 ? "a year" : `${retentionDays} days`}
            {planLimited
              ? `; ${organization.name}'s plan shows the last ${historyDays} days of them.`
              : "."}
          </p>
        </div>
        {/* A plain link: the browser streams the file to disk however long the log is. */}
        {csvIncluded ? (
          <a
            href={`/api/v1/audit-logs.csv${search ? `?${search}` : ""}`}
            download
            aria-disabled={badRange}
            onClick={(e) => {
              if (badRange) e.preventDefault();
            }}
            className={buttonClass("secondary", "shrink-0 self-start")}
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
              <path
                fill="currentColor"
                d="M10.75 2.75a.75.75 0 0 0-1.5 0v8.69L6.28 8.47a.75.75 0 0 0-1.06 1.06l4.25 4.25a.75.75 0 0 0 1.06 0l4.25-4.25a.75.75 0 1 0-1.06-1.06l-2.97 2.97V2.75ZM3.5 14.25a.75.75 0 0 0-1.5 0v1.5A2.25 2.25 0 0 0 4.25 18h11.5A2.25 2.25 0 0 0 18 15.75v-1.5a.75.75 0 0 0-1.5 0v1.5c0 .41-.34.75-.75.75H4.25a.75.75 0 0 1-.75-.75v-1.5Z"
              />
            </svg>
            Export CSV
          </a>
        ) : (
          <UnavailableAction feature="csv_export" label="Export CSV" />
        )}
      </div>

      <search
        aria-label="Filter the audit log"
        className="grid grid-cols-2 items-end gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 lg:grid-cols-5"
      >
        <div className="col-span-2 min-w-0 space-y-1 sm:col-span-1">
          <label htmlFor={ids.actor} className="block text-xs font-medium text-slate-600">
            Actor
          </label>
          <select
            id={ids.actor}
            value={filters.actor}
            onChange={(e) => update({ actor: e.target.value })}
            className={`${inputClass} pr-8`}
          >
            <MemberOptions members={members.data?.data} />
          </select>
        </div>
        <div className="col-span-2 min-w-0 sm:col-span-1">
          <AuditActionFilter
            actions={actions}
            selected={chosenActions}
            onChange={(next) => update({ action: next.join(",") })}
          />
        </div>
        <div className="col-span-2 min-w-0 space-y-1 lg:col-span-1">
          <label htmlFor={ids.target} className="block text-xs font-medium text-slate-600">
            Target id
          </label>
          <input
            id={ids.target}
            type="search"
            value={targetText}
            onChange={(e) => setTargetText(e.target.value)}
            placeholder="key_…, usr_…, inv_…"
            maxLength={50}
            autoComplete="off"
            spellCheck={false}
            className={inputClass}
          />
        </div>
        <DateRangeFields from={filters.from} to={filters.to} onChange={update} invalid={badRange} />
        {defaults && targetText === "" ? null : (
          <div className="col-span-2 flex justify-end lg:col-span-5">
            <Button variant="ghost" onClick={clearFilters}>
              Clear filters
            </Button>
          </div>
        )}
      </search>

      {badRange ? (
        <p role="alert" className="text-sm text-red-600">
          “To” is before “From”: choose a range that ends after it starts.
        </p>
      ) : beforeHistory ? (
        <PlanNote feature="audit_log_days" beyond={historyDays}>
          {organization.name}&apos;s plan shows the last {historyDays} days of the audit log: choose
          a “From” date within them. Older entries are kept, and shown again on a larger plan.
        </PlanNote>
      ) : log.isPending ? (
        <LogSkeleton label="Loading the audit log" />
      ) : log.isError && !log.data ? (
        <ErrorState
          title="The audit log could not be loaded"
          message={log.error.message}
          onRetry={() => void log.refetch()}
          retrying={log.isFetching}
        />
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-slate-500" aria-live="polite">
            {log.isPlaceholderData
              ? "Searching…"
              : `${entries.length} ${entries.length === 1 ? "entry" : "entries"}${
                  log.hasNextPage ? " shown, more to load" : ""
                }`}
          </p>
          <div
            aria-busy={log.isPlaceholderData}
            className={log.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}
          >
            {entries.length === 0 ? (
              <div className="rounded-xl bg-white px-6 py-10 text-center shadow-sm ring-1 ring-slate-200">
                <p className="text-sm font-medium text-slate-900">
                  {defaults ? "Nothing recorded yet" : "No entries match these filters"}
                </p>
                <p className="mt-1 text-sm text-slate-600">
                  {defaults
                    ? `Creating, rotating or revoking a key, inviting someone or changing a role in ${organization.name} will show here.`
                    : "Try another person, action or date range, or clear the filters."}
                </p>
              </div>
            ) : (
              <AuditLogTable entries={entries} onOpen={(id) => update({ event: id })} />
            )}
          </div>
          <LoadMore query={log} items="entries" />
        </div>
      )}
      {filters.event ? (
        <AuditEntryDialog
          // A new entry is a new dialog: its query and focus start afresh.
          key={filters.event}
          organizationId={organization.id}
          id={filters.event}
          listed={entries.find((entry) => entry.id === filters.event)}
          onClose={() => update({ event: "" })}
        />
      ) : null}
    </div>
  );
}
