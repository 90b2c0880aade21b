// No "use client": the server page builds the first page's query string with it too.

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
 * The GET /audit-logs (and .csv) query string for these filters. Days are the reader's own:
 * "to" a day means through the end of that day where the reader is.
 */
export function auditLogSearch(filters: AuditLogFilters): string {
  const params = new URLSearchParams();
  if (filters.actor) params.set("actor", filters.actor);
  if (filters.action) params.set("action", filters.action);
  const target = filters.target.trim();
  if (target) params.set("target", target);
  const from = filters.from ? localDayStart(filters.from) : null;
  const to = filters.to ? localDayStart(filters.to, 1) : null;
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  return params.toString();
}

export const auditLogQueryKeys = {
  all: (organizationId: string) => ["audit-log", organizationId] as const,
  list: (organizationId: string, search: string) => ["audit-log", organizationId, search] as const,
};
