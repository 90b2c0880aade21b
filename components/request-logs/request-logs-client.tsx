"use client";

import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { ErrorState } from "@/components/ui/error-state";
import { inputClass } from "@/components/ui/field";
import { LoadMore } from "@/components/ui/load-more";
import { LogSkeleton } from "@/components/ui/log-skeleton";
import { OrganizationBadge } from "@/components/ui/organization-badge";
import { useListFilters } from "@/components/ui/use-list-filters";
import { RequestLogDialog } from "./request-log-dialog";
import {
  DEFAULT_REQUEST_LOG_FILTERS,
  isCredentialId,
  isDefaultRequestLogFilters,
  isRequestId,
  type RequestLogFilters,
  requestLogQuery,
  STATUS_FILTERS,
} from "./request-log-filters";
import { useRequestLogs } from "./request-log-queries";
import { RequestLogTable } from "./request-log-table";

interface RequestLogsClientProps {
  organization: { id: string; name: string };
  /** Every route pattern the log may hold, for the route filter. */
  routes: string[];
  /** Owners and admins read every credential's requests; members their own. */
  seesAll: boolean;
  /** REQUEST_LOG_RETENTION_DAYS: how long requests are kept. */
  retentionDays: number;
}

/** How long typing in the key box pauses before the log is searched again. */
const KEY_DEBOUNCE_MS = 300;

export function RequestLogsClient(props: RequestLogsClientProps) {
  // Filters belong to one organization: switching starts afresh.
  return <RequestLogsView key={props.organization.id} {...props} />;
}

function RequestLogsView({ organization, routes, seesAll, retentionDays }: RequestLogsClientProps) {
  const {
    filters,
    text: keyText,
    setText: setKeyText,
    update,
    reset,
  } = useListFilters<RequestLogFilters>(DEFAULT_REQUEST_LOG_FILTERS, "key", KEY_DEBOUNCE_MS);
  const [lookup, setLookup] = useState("");
  const [lookupError, setLookupError] = useState<string | null>(null);

  // A range that ends before it starts, or a key box holding no id, is said here, not sent.
  const badRange = filters.from !== "" && filters.to !== "" && filters.from > filters.to;
  const badKey = filters.key.trim() !== "" && !isCredentialId(filters.key.trim());
  const log = useRequestLogs(
    organization.id,
    requestLogQuery(filters, routes),
    !badRange && !badKey,
  );
  const entries = log.data?.pages.flatMap((page) => page.data) ?? [];
  const defaults = isDefaultRequestLogFilters(filters);
  const ids = {
    lookup: useId(),
    lookupHint: useId(),
    status: useId(),
    route: useId(),
    key: useId(),
    keyError: useId(),
  };

  const open = (value: string) => {
    const id = value.trim();
    if (!isRequestId(id)) {
      setLookupError("A request id starts with req_ and has 20 more letters and digits.");
      return;
    }
    setLookupError(null);
    update({ request: id });
  };
  const onLookup = (e: FormEvent) => {
    e.preventDefault();
    open(lookup);
  };

  return (
    <div className="space-y-6">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-lg font-semibold text-slate-900">Logs</h2>
          <OrganizationBadge name={organization.name} />
        </div>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          Every request made to the API in{" "}
          <strong className="font-medium text-slate-800">{organization.name}</strong> with{" "}
          {seesAll ? "its" : "your"} API keys, user tokens and OAuth tokens, refusals included,
          newest first.{" "}
          {seesAll
            ? "You see every member’s requests."
            : "As a member you see only the requests made with your own credentials."}{" "}
          {retentionDays > 0
            ? `Requests are kept for ${retentionDays} days; bodies are never recorded.`
            : "The request log is turned off on this server (REQUEST_LOG_RETENTION_DAYS=0)."}
        </p>
      </div>

      <search aria-label="Find a request" className="space-y-1">
        <form onSubmit={onLookup} className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <div className="min-w-0 flex-1 space-y-1">
            <label htmlFor={ids.lookup} className="block text-xs font-medium text-slate-600">
              Request id
            </label>
            <input
              id={ids.lookup}
              type="search"
              value={lookup}
              onChange={(e) => {
                setLookup(e.target.value);
                setLookupError(null);
              }}
              onPaste={(e) => {
                // A pasted id opens at once: it is what a caller copies from X-Request-Id.
                const pasted = e.clipboardData.getData("text").trim();
                if (isRequestId(pasted)) {
                  e.preventDefault();
                  setLookup(pasted);
                  open(pasted);
                }
              }}
              placeholder="req_…"
              maxLength={60}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={ids.lookupHint}
              aria-invalid={lookupError ? true : undefined}
              className={`${inputClass} font-mono`}
            />
          </div>
          <Button type="submit" variant="secondary" className="shrink-0">
            Open request
          </Button>
        </form>
        <p
          id={ids.lookupHint}
          aria-live="polite"
          className={`text-xs ${lookupError ? "text-red-600" : "text-slate-500"}`}
        >
          {lookupError ?? "The X-Request-Id header of any answer, or the request_id of an error."}
        </p>
      </search>

      <search
        aria-label="Filter the log"
        className="grid grid-cols-2 items-end gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 lg:grid-cols-5"
      >
        <div className="min-w-0 space-y-1">
          <label htmlFor={ids.status} className="block text-xs font-medium text-slate-600">
            Status
          </label>
          <select
            id={ids.status}
            value={filters.status}
            onChange={(e) => update({ status: e.target.value })}
            className={`${inputClass} pr-8`}
          >
            {STATUS_FILTERS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 space-y-1">
          <label htmlFor={ids.route} className="block text-xs font-medium text-slate-600">
            Route
          </label>
          <select
            id={ids.route}
            value={routes.includes(filters.route) ? filters.route : ""}
            onChange={(e) => update({ route: e.target.value })}
            className={`${inputClass} pr-8`}
          >
            <option value="">All routes</option>
            {routes.map((route) => (
              <option key={route} value={route}>
                {route}
              </option>
            ))}
          </select>
        </div>
        <div className="col-span-2 min-w-0 space-y-1 lg:col-span-1">
          <label htmlFor={ids.key} className="block text-xs font-medium text-slate-600">
            Key or token id
          </label>
          <input
            id={ids.key}
            type="search"
            value={keyText}
            onChange={(e) => setKeyText(e.target.value)}
            placeholder="key_…, tok_…, grant_…"
            maxLength={50}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={badKey || undefined}
            aria-describedby={badKey ? ids.keyError : undefined}
            className={`${inputClass} font-mono`}
          />
        </div>
        <DateRangeFields from={filters.from} to={filters.to} onChange={update} invalid={badRange} />
        {defaults && keyText === "" ? null : (
          <div className="col-span-2 flex justify-end lg:col-span-5">
            <Button variant="ghost" onClick={() => reset({ request: filters.request })}>
              Clear filters
            </Button>
          </div>
        )}
      </search>

      {badRange ? (
        <p role="alert" className="text-sm text-red-600">
          “To” is before “From”: choose a range that ends after it starts.
        </p>
      ) : badKey ? (
        <p id={ids.keyError} role="alert" className="text-sm text-red-600">
          That is not a key or token id: ids look like key_…, tok_… or grant_… (the Key ID on a
          key’s page).
        </p>
      ) : log.isPending ? (
        <LogSkeleton label="Loading the log" />
      ) : log.isError && !log.data ? (
        <ErrorState
          title="The log could not be loaded"
          message={log.error.message}
          onRetry={() => void log.refetch()}
          retrying={log.isFetching}
        />
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-slate-500" aria-live="polite">
            {log.isPlaceholderData
              ? "Searching…"
              : `${entries.length} ${entries.length === 1 ? "request" : "requests"}${
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
                  {defaults ? "No requests yet" : "No requests match these filters"}
                </p>
                <p className="mx-auto mt-1 max-w-lg text-sm text-slate-600">
                  {defaults
                    ? `Requests made with ${seesAll ? `${organization.name}’s` : "your"} API keys, user tokens or OAuth tokens appear here within a second, refusals included. Using this dashboard is not logged.`
                    : "Try another status, route, key or date range, or clear the filters."}
                </p>
              </div>
            ) : (
              <RequestLogTable entries={entries} onOpen={(id) => update({ request: id })} />
            )}
          </div>
          <LoadMore query={log} items="requests" />
        </div>
      )}
      {filters.request ? (
        <RequestLogDialog
          // A new request is a new dialog: its query and focus start afresh.
          key={filters.request}
          organizationId={organization.id}
          requestId={filters.request}
          listed={entries.find((entry) => entry.request_id === filters.request)}
          onClose={() => update({ request: "" })}
        />
      ) : null}
    </div>
  );
}
