"use client";

import { useEffect, useId, useRef, useState } from "react";
import {
  type ApiKeyFilters,
  apiKeyListQuery,
  DEFAULT_API_KEY_FILTERS,
  isDefaultFilters,
  STATUS_FILTER_OPTIONS,
  showsRevoked,
} from "@/components/api-keys/api-key-filters";
import { useApiKeys, useHasAnyApiKey, useMembers } from "@/components/api-keys/api-key-queries";
import type { ApiKey } from "@/components/api-keys/api-key-types";
import { ApiKeysEmptyState } from "@/components/api-keys/api-keys-empty-state";
import { ApiKeysSkeleton } from "@/components/api-keys/api-keys-skeleton";
import { ApiKeysTable } from "@/components/api-keys/api-keys-table";
import { ExpiringKeysBanner } from "@/components/api-keys/expiring-keys-banner";
import { MemberOptions } from "@/components/api-keys/member-options";
import { PendingApprovals } from "@/components/api-keys/pending-approvals";
import { useKeyDialogs } from "@/components/api-keys/use-key-dialogs";
import { useOrganizationDetail } from "@/components/organizations/organization-queries";
import { AddButton } from "@/components/ui/add-button";
import { Button } from "@/components/ui/button";
import { QueryErrorState } from "@/components/ui/error-state";
import { inputClass } from "@/components/ui/field";
import { ListHeader } from "@/components/ui/list-header";
import { LoadMore } from "@/components/ui/load-more";
import { useToast } from "@/components/ui/toast";
import { useListFilters } from "@/components/ui/use-list-filters";
import type { Role } from "@/lib/roles";

interface ApiKeysClientProps {
  organization: { id: string; name: string };
  role: Role;
  /** Keys belong to members: a platform admin visiting reviews and revokes, but creates none. */
  isMember: boolean;
  /** The address the API sees for this browser, for the create dialog's allowlist. */
  currentIp: string | null;
}

/** How long typing pauses before the list is searched again. */
const SEARCH_DEBOUNCE_MS = 250;

type SortOrder = "created" | "last_used";

/** Most recently used first; never-used keys last, newest first among themselves. */
function lastUsedFirst(a: ApiKey, b: ApiKey): number {
  const au = a.last_used_at ?? "";
  const bu = b.last_used_at ?? "";
  if (au !== bu) return au < bu ? 1 : -1;
  return a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0;
}

/** The visible Revoke (else Rotate) button of a row: the table on wide screens, a card on phones. */
function rowAction(container: HTMLElement | null, id: string): HTMLElement | null {
  if (!container) return null;
  const buttons = container.querySelectorAll<HTMLElement>(
    `[data-row-id="${CSS.escape(id)}"] button[data-action]`,
  );
  const visible = [...buttons].filter((b) => b.getClientRects().length > 0);
  return visible.find((b) => b.dataset.action === "revoke") ?? visible[0] ?? null;
}

export function ApiKeysClient(props: ApiKeysClientProps) {
  // Filters and keys kept in view belong to one organization: switching starts afresh.
  return <ApiKeysView key={props.organization.id} {...props} />;
}

function ApiKeysView({ organization, role, isMember, currentIp }: ApiKeysClientProps) {
  const seesAll = role === "admin" || role === "owner";
  // The organization's policy may keep key creation to admins and owners.
  const adminsCreate =
    useOrganizationDetail(organization.id).data?.policies.key_creators === "admins";
  const mayCreate = isMember && !(adminsCreate && role === "member");
  const {
    filters,
    text: searchText,
    setText: setSearchText,
    update,
    reset: resetFilters,
  } = useListFilters<ApiKeyFilters>(DEFAULT_API_KEY_FILTERS, "q", SEARCH_DEBOUNCE_MS);
  const clearFilters = () => resetFilters();

  const keys = useApiKeys(organization.id, apiKeyListQuery(filters));
  const members = useMembers(organization.id, seesAll);
  const [sort, setSort] = useState<SortOrder>("created");
  const { show: showToast, toast } = useToast();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  // After a revoke the row's buttons are gone: focus goes to the next row's actions (or the
  // previous row's, or the heading) rather than dropping to the page body.
  const [focusAfterRevoke, setFocusAfterRevoke] = useState<{ rowId: string | null } | null>(null);
  const dialogs = useKeyDialogs({
    organizationId: organization.id,
    organizationName: organization.name,
    role,
    currentIp,
    onRevoked: (revoked) => {
      const names = revoked.map((k) => `“${k.name}”`).join(" and ");
      showToast(`Revoked ${names}`);
      const gone = new Set(revoked.map((k) => k.id));
      // Revoked rows (kept or not) have no buttons left: look past them.
      const index = rows.findIndex((k) => gone.has(k.id));
      const live = (k: ApiKey) => !gone.has(k.id) && k.status !== "revoked";
      const after = rows.slice(index + 1).find(live);
      const before = rows.slice(0, Math.max(index, 0)).reverse().find(live);
      setFocusAfterRevoke({ rowId: (after ?? before)?.id ?? null });
    },
  });
  useEffect(() => {
    if (!focusAfterRevoke) return;
    const target = focusAfterRevoke.rowId
      ? rowAction(listRef.current, focusAfterRevoke.rowId)
      : null;
    (target ?? headingRef.current)?.focus();
    setFocusAfterRevoke(null);
  }, [focusAfterRevoke]);
  const searchId = useId();
  const statusId = useId();
  const creatorId = useId();
  const sortId = useId();
  const moreFiltersId = useId();
  // On a phone the filters beyond the search fold behind one button, so the first key is in view.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const narrowing = (filters.status !== "unrevoked" ? 1 : 0) + (filters.createdBy ? 1 : 0);

  const revokedShown = showsRevoked(filters);
  const loaded = keys.data?.pages.flatMap((page) => page.data) ?? [];
  // A key revoked here is patched to "revoked" in the cache at once; with revoked keys hidden it
  // leaves the list at once too, rather than lingering until the refetch.
  const visible = revokedShown ? loaded : loaded.filter((k) => k.status !== "revoked");
  // Sorting by last use orders the keys loaded so far ("Load more" adds to them).
  const rows = sort === "last_used" ? [...visible].sort(lastUsedFirst) : visible;
  const defaults = isDefaultFilters(filters);
  // An empty default view is either "no keys yet" or "every key is revoked": ask which.
  const anyKey = useHasAnyApiKey(organization.id, defaults && keys.isSuccess && rows.length === 0);
  const showEmptyState = defaults && rows.length === 0 && anyKey.data === false;

  return (
    <div className="space-y-6">
      <ListHeader
        title="API Keys"
        headingRef={headingRef}
        organizationName={organization.name}
        visitingNote={
          isMember ? null : (
            <>
              You are visiting {organization.name} as a platform admin: you can review and revoke
              its keys, but only its members create or rotate them.
            </>
          )
        }
        description={
          <>
            Keys let your programs call the Voltasis API as you, inside{" "}
            <strong className="font-medium text-slate-800">{organization.name}</strong>.{" "}
            {seesAll
              ? `As an ${role}, you see every key of the organization.`
              : "You see the keys you created; admins and owners see every key."}
          </>
        }
        action={
          mayCreate && !showEmptyState ? (
            <AddButton onClick={dialogs.openCreate}>Create New API Key</AddButton>
          ) : null
        }
      />
      {isMember && !mayCreate ? (
        <p
          role="note"
          className="max-w-2xl rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200"
        >
          In {organization.name} only admins and owners create API keys: ask one of them for a key.
          You can still rotate and revoke the keys you have.
        </p>
      ) : null}

      {seesAll && isMember ? (
        <PendingApprovals organizationId={organization.id} onDecided={showToast} />
      ) : null}

      <ExpiringKeysBanner
        organizationId={organization.id}
        showing={filters.status === "expiring_soon"}
        onShow={() => resetFilters({ status: "expiring_soon" })}
      />

      {keys.isPending || (defaults && rows.length === 0 && anyKey.isPending && keys.isSuccess) ? (
        <ApiKeysSkeleton />
      ) : keys.isError && !keys.data ? (
        <QueryErrorState title="API keys could not be loaded" query={keys} />
      ) : showEmptyState ? (
        <ApiKeysEmptyState
          organizationName={organization.name}
          onCreate={mayCreate ? dialogs.openCreate : undefined}
        />
      ) : (
        <div className="space-y-3">
          <search
            aria-label="Filter API keys"
            className="flex flex-col gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:flex-row sm:flex-wrap sm:items-end"
          >
            <div className="flex min-w-0 flex-1 items-end gap-2 sm:min-w-56">
              <div className="min-w-0 flex-1 space-y-1">
                <label htmlFor={searchId} className="block text-xs font-medium text-slate-600">
                  Search
                </label>
                <input
                  id={searchId}
                  type="search"
                  value={searchText}
                  onChange={(e) => setSearchText(e.target.value)}
                  placeholder="Name or key prefix"
                  maxLength={100}
                  autoComplete="off"
                  className={inputClass}
                />
              </div>
              <Button
                variant="secondary"
                className="shrink-0 sm:hidden"
                aria-expanded={filtersOpen}
                aria-controls={moreFiltersId}
                onClick={() => setFiltersOpen((open) => !open)}
              >
                {narrowing > 0 ? `Filters (${narrowing})` : "Filters"}
              </Button>
            </div>
            <div
              id={moreFiltersId}
              className={`${filtersOpen ? "grid" : "hidden"} grid-cols-2 gap-3 sm:flex sm:items-end`}
            >
              <div className="space-y-1">
                <label htmlFor={statusId} className="block text-xs font-medium text-slate-600">
                  Status
                </label>
                <select
                  id={statusId}
                  value={filters.status}
                  onChange={(e) => update({ status: e.target.value as ApiKeyFilters["status"] })}
                  className={`${inputClass} pr-8`}
                >
                  {STATUS_FILTER_OPTIONS.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </div>
              {seesAll ? (
                <div className="min-w-0 space-y-1">
                  <label htmlFor={creatorId} className="block text-xs font-medium text-slate-600">
                    Created by
                  </label>
                  <select
                    id={creatorId}
                    value={filters.createdBy ?? ""}
                    onChange={(e) => update({ createdBy: e.target.value || null })}
                    className={`${inputClass} pr-8 sm:max-w-52`}
                  >
                    <MemberOptions members={members.data?.data} />
                  </select>
                </div>
              ) : null}
              <div className="space-y-1">
                <label htmlFor={sortId} className="block text-xs font-medium text-slate-600">
                  Sort
                </label>
                <select
                  id={sortId}
                  value={sort}
                  onChange={(e) => setSort(e.target.value as SortOrder)}
                  className={`${inputClass} pr-8`}
                >
                  <option value="created">Newest first</option>
                  <option value="last_used">Last used</option>
                </select>
              </div>
            </div>
          </search>

          <p className="text-sm text-slate-500" aria-live="polite">
            {keys.isPlaceholderData
              ? "Searching…"
              : `${rows.length} ${rows.length === 1 ? "key" : "keys"}${
                  keys.hasNextPage ? " shown, more to load" : ""
                }`}
          </p>

          <div
            ref={listRef}
            aria-busy={keys.isPlaceholderData}
            className={keys.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}
          >
            {rows.length === 0 ? (
              defaults ? (
                <div className="rounded-xl bg-white px-6 py-10 text-center shadow-sm ring-1 ring-slate-200">
                  <p className="text-sm font-medium text-slate-900">No active keys</p>
                  <p className="mt-1 text-sm text-slate-600">
                    Every key of {organization.name} you can see is revoked.
                  </p>
                  <Button
                    variant="secondary"
                    className="mt-4"
                    onClick={() => update({ status: "revoked" })}
                  >
                    Show revoked keys
                  </Button>
                </div>
              ) : (
                <div className="rounded-xl bg-white px-6 py-10 text-center shadow-sm ring-1 ring-slate-200">
                  <p className="text-sm font-medium text-slate-900">No keys match these filters</p>
                  <p className="mt-1 text-sm text-slate-600">
                    Try another name or prefix, or another status.
                  </p>
                  <Button variant="secondary" className="mt-4" onClick={clearFilters}>
                    Clear filters
                  </Button>
                </div>
              )
            ) : (
              <ApiKeysTable
                keys={rows}
                onRotate={dialogs.openRotate}
                onRevoke={dialogs.openRevoke}
                rotateBlockedReason={
                  isMember ? null : `Only members of ${organization.name} can rotate its keys`
                }
              />
            )}
          </div>

          <LoadMore query={keys} items="keys" />
        </div>
      )}
      {dialogs.dialog}
      {toast}
    </div>
  );
}
