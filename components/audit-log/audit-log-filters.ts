// No "use client": the server page builds the first page's query string with it too.
import { toSearch } from "@/components/api/query-string";
import type { operations } from "@/lib/api-schema";

/** The query of GET /audit-logs (without the cursor), as the generated types declare it. */
export type AuditLogQuery = NonNullable<operations["getAuditLogs"]["parameters"]["query"]>;

/** What the audit log page filters by; dates are the reader's calendar days (YYYY-MM-DD). */
export interface AuditLogFilters {
  actor: string;
  action: string;
  target: string;
  from: string;
  to: string;
}

export const DEFAULT_AUDIT_LOG_FILTERS: AuditLogFilters = {
  actor: "",
  action: "",
  target: "",
  from: "",
  to: "",
};

export function isDefaultAuditFilters(filters: AuditLogFilters): boolean {
  return Object.values(filters).every((value) => value === "");
}

/** Midnight starting a calendar day in the reader's time zone, as an ISO instant. */
function localDayStart(day: string, plusDays = 0): string | null {
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
};
