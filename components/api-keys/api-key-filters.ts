// No "use client": the server page prefetches the first page with the same query string.
import { toSearch } from "@/components/api/query-string";
import type { operations } from "@/lib/api-schema";
import type { ApiKeyStatus } from "./api-key-types";

/** The query of GET /api-keys (without the cursor), as the generated types declare it. */
export type ApiKeyListQuery = NonNullable<operations["getApiKeys"]["parameters"]["query"]>;

/** How many keys the dashboard asks for at a time ("Load more" fetches the next page). */
export const API_KEYS_PAGE_SIZE = 25;

export interface ApiKeyFilters {
  /** Part of a name or prefix, or a key id. */
  q: string;
  status: ApiKeyStatus | "all";
  /** With status "all": whether revoked keys are listed too. */
  showRevoked: boolean;
  /** A creator's user id (admins and owners only; members see their own keys anyway). */
  createdBy: string | null;
}

export const DEFAULT_API_KEY_FILTERS: ApiKeyFilters = {
  q: "",
  status: "all",
  showRevoked: false,
  createdBy: null,
};

export function isDefaultFilters(filters: ApiKeyFilters): boolean {
  return (
    filters.q.trim() === "" &&
    filters.status === "all" &&
    !filters.showRevoked &&
    filters.createdBy === null
  );
}

/** The list filter's name for each key status (`expiring`: working, expiring within 7 days). */
const STATUS_FILTER: Record<ApiKeyStatus, string> = {
  active: "active",
  expiring_soon: "expiring",
  expired: "expired",
  revoked: "revoked",
};

/**
 * The GET /api-keys query for these filters. "Show revoked" off is the status list without
 * "revoked", so the server filters and every page is full.
 */
export function apiKeyListQuery(filters: ApiKeyFilters): ApiKeyListQuery {
  const status =
    filters.status !== "all"
      ? STATUS_FILTER[filters.status]
      : filters.showRevoked
        ? "all"
        : "active,expiring,expired";
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
