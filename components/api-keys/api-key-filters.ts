// No "use client": the server page prefetches the first page with the same query string.
import { toSearch } from "@/components/api/query-string";
import type { operations } from "@/lib/api-schema";
import type { ApiKeyStatus } from "./api-key-types";

/** The query of GET /api-keys (without the cursor), as the generated types declare it. */
export type ApiKeyListQuery = NonNullable<operations["getApiKeys"]["parameters"]["query"]>;

/** How many keys the dashboard asks for at a time ("Load more" fetches the next page). */
export const API_KEYS_PAGE_SIZE = 25;

/** One status filter: a key status, every key but the revoked ones (the default), or all. */
export type ApiKeyStatusFilter = ApiKeyStatus | "unrevoked" | "all";

export const STATUS_FILTER_OPTIONS: { value: ApiKeyStatusFilter; label: string }[] = [
  { value: "unrevoked", label: "All but revoked" },
  { value: "active", label: "Active" },
  { value: "expiring_soon", label: "Expiring soon" },
  { value: "pending_approval", label: "Pending approval" },
  { value: "expired", label: "Expired" },
  { value: "revoked", label: "Revoked" },
  { value: "all", label: "All, including revoked" },
];

export interface ApiKeyFilters {
  /** Part of a name or prefix, or a key id. */
  q: string;
  status: ApiKeyStatusFilter;
  /** A creator's user id (admins and owners only; members see their own keys anyway). */
  createdBy: string | null;
}

export const DEFAULT_API_KEY_FILTERS: ApiKeyFilters = {
  q: "",
  status: "unrevoked",
  createdBy: null,
};

export function isDefaultFilters(filters: ApiKeyFilters): boolean {
  return filters.q.trim() === "" && filters.status === "unrevoked" && filters.createdBy === null;
}

/** Whether the list shows revoked keys: a key revoked here then stays, marked, in its row. */
export function showsRevoked(filters: ApiKeyFilters): boolean {
  return filters.status === "revoked" || filters.status === "all";
}

/**
 * The API's `status` for each filter (`expiring`: working, expiring within 7 days). "All but
 * revoked" is the status list without "revoked", so the server filters and every page is full.
 */
const STATUS_QUERY: Record<ApiKeyStatusFilter, string> = {
  unrevoked: "active,expiring,pending,expired",
  active: "active",
  expiring_soon: "expiring",
  pending_approval: "pending",
  expired: "expired",
  revoked: "revoked",
  all: "all",
};

/** The GET /api-keys query for these filters. */
export function apiKeyListQuery(filters: ApiKeyFilters): ApiKeyListQuery {
  // A hand-edited URL may name no status we know: the default view then.
  const status = STATUS_QUERY[filters.status] ?? STATUS_QUERY.unrevoked;
  return {
    limit: API_KEYS_PAGE_SIZE,
    status,
    q: filters.q.trim() || undefined,
    created_by: filters.createdBy || undefined,
  };
}

/** The query string of `apiKeyListQuery`: what the client sends, and the list's cache key. */
export function apiKeyListSearch(filters: ApiKeyFilters): string {
  return toSearch(apiKeyListQuery(filters));
}
