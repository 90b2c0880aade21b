// No "use client": the server page builds the first page's query key with it too.
import { toSearch } from "@/components/api/query-string";
import { localDayStart } from "@/components/audit-log/audit-log-filters";
import type { components, operations } from "@/lib/api-schema";

/** One request of GET /request-logs, as the generated types declare it. */
export type RequestLogEntry = components["schemas"]["RequestLogEntry"];

/** The query of GET /request-logs (without the cursor). */
export type RequestLogQuery = NonNullable<operations["getRequestLogs"]["parameters"]["query"]>;

/**
 * What the Logs page filters by, as its URL says it: `status` one of STATUS_FILTERS, `route` a
 * route pattern, `key` a credential id, dates the reader's calendar days (YYYY-MM-DD).
 * `request` is not a filter but the request whose detail is open, so a reload reopens it.
 */
export interface RequestLogFilters {
  status: string;
  route: string;
  key: string;
  from: string;
  to: string;
  request: string;
}

export const DEFAULT_REQUEST_LOG_FILTERS: RequestLogFilters = {
  status: "",
  route: "",
  key: "",
  from: "",
  to: "",
  request: "",
};

/** The status filter's choices: a class or one status the API's `status` takes as it is. */
export const STATUS_FILTERS = [
  { value: "", label: "All statuses" },
  { value: "2xx", label: "2xx: succeeded" },
  { value: "4xx", label: "4xx: refused" },
  { value: "5xx", label: "5xx: failed" },
  { value: "401", label: "401: not authenticated" },
  { value: "403", label: "403: forbidden" },
  { value: "429", label: "429: rate limited" },
] as const;

/** A request id as X-Request-Id gives it: `req_` and 20 base62 characters. */
const REQUEST_ID = /^req_[0-9A-Za-z]{20}$/;
/** What GET /request-logs takes as `key_id`: a key, user token or OAuth grant id. */
const CREDENTIAL_ID = /^(key|tok|grant)_[0-9A-Za-z]{8,40}$/;

export function isRequestId(value: string): boolean {
  return REQUEST_ID.test(value);
}

/** Whether `key` is an id the API would take: anything else is said on the page, not sent. */
export function isCredentialId(value: string): boolean {
  return CREDENTIAL_ID.test(value);
}

export function isDefaultRequestLogFilters(filters: RequestLogFilters): boolean {
  const { request: _open, ...rest } = filters;
  return Object.values(rest).every((value) => value === "");
}

/**
 * The GET /request-logs query for these filters. A status or route the page does not offer
 * (a hand-edited URL) and a key that is no id are left out rather than sent to be refused; "to"
 * a day means through the end of that day where the reader is.
 */
export function requestLogQuery(
  filters: RequestLogFilters,
  routes: readonly string[],
): RequestLogQuery {
  const key = filters.key.trim();
  return {
    key_id: isCredentialId(key) ? key : undefined,
    status: STATUS_FILTERS.some((s) => s.value === filters.status && s.value !== "")
      ? filters.status
      : undefined,
    route: routes.includes(filters.route) ? filters.route : undefined,
    from: (filters.from && localDayStart(filters.from)) || undefined,
    to: (filters.to && localDayStart(filters.to, 1)) || undefined,
  };
}

/** The colour of a status: green succeeded, amber refused, red failed on our side. */
export function statusTone(status: number): "success" | "refused" | "failed" | "other" {
  if (status >= 200 && status < 300) return "success";
  if (status >= 400 && status < 500) return "refused";
  if (status >= 500) return "failed";
  return "other";
}

/** "4.2 ms", "180 ms", "1.2 s". */
export function formatLatency(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Where the Logs page opens one request's detail. */
export function requestHref(requestId: string): string {
  return `/settings/logs?request=${encodeURIComponent(requestId)}`;
}

export const requestLogQueryKeys = {
  all: (organizationId: string) => ["request-logs", organizationId] as const,
  list: (organizationId: string, search: string) =>
    ["request-logs", organizationId, "list", search] as const,
  /** A key's last few requests, for its page. */
  recent: (organizationId: string, keyId: string) =>
    ["request-logs", organizationId, "recent", keyId] as const,
  entry: (organizationId: string, requestId: string) =>
    ["request-logs", organizationId, "entry", requestId] as const,
};

/** The cache key's query string for a query: the same on the server's prefetch and the client. */
export function requestLogSearch(query: RequestLogQuery): string {
  return toSearch(query);
}
