// No "use client": the server page builds the first page's query string with it too.
import { toSearch } from "@/components/api/query-string";
import type { operations } from "@/lib/api-schema";

/** The query of GET /audit-logs (without the cursor), as the generated types declare it. */
export type AuditLogQuery = NonNullable<operations["getAuditLogs"]["parameters"]["query"]>;

/**
 * What the audit log page filters by, as its URL says it: `action` one or several actions
 * separated by commas, dates the reader's calendar days (YYYY-MM-DD). `event` is not a filter
 * but the entry whose detail is open, kept in the URL so a reload or a shared link reopens it.
 */
export interface AuditLogFilters {
  actor: string;
  action: string;
  target: string;
  from: string;
  to: string;
  event: string;
}

export const DEFAULT_AUDIT_LOG_FILTERS: AuditLogFilters = {
  actor: "",
  action: "",
  target: "",
  from: "",
  to: "",
  event: "",
};

export function isDefaultAuditFilters(filters: AuditLogFilters): boolean {
  const { event: _open, ...rest } = filters;
  return Object.values(rest).every((value) => value === "");
}

/**
 * The actions an `action` filter names, among `known`, in `known`'s order: a hand-edited URL
 * with an unknown or repeated action filters by the rest, and the same choice is always the
 * same query (and cache key) whatever order it was ticked in.
 */
export function selectedActions(action: string, known: readonly string[]): string[] {
  const wanted = new Set(action.split(","));
  return known.filter((a) => wanted.has(a));
}

/** Midnight starting a calendar day in the reader's time zone, as an ISO instant. */
export function localDayStart(day: string, plusDays = 0): string | null {
  const [y, m, d] = day.split("-").map(Number);
  if (!y || !m || !d) return null;
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/**
 * The GET /audit-logs (and .csv) query for these filters. Days are the reader's own: "to" a day
 * means through the end of that day where the reader is.
 */
export function auditLogQuery(filters: AuditLogFilters): AuditLogQuery {
  return {
    actor: filters.actor || undefined,
    action: filters.action || undefined,
    target: filters.target.trim() || undefined,
    from: (filters.from && localDayStart(filters.from)) || undefined,
    to: (filters.to && localDayStart(filters.to, 1)) || undefined,
  };
}

/** The query string of `auditLogQuery`: what the client sends, the CSV link's and the cache key. */
export function auditLogSearch(filters: AuditLogFilters): string {
  return toSearch(auditLogQuery(filters));
}

export const auditLogQueryKeys = {
  all: (organizationId: string) => ["audit-log", organizationId] as const,
  list: (organizationId: string, search: string) => ["audit-log", organizationId, search] as const,
  entry: (organizationId: string, id: string) =>
    ["audit-log", organizationId, "entry", id] as const,
};
