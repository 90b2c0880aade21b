import { nowMs } from "@/lib/clock";
import { requiredPlan } from "@/lib/plans";
import { notInPlan } from "@/server/auth/refusals";
import { cachedGovernance } from "@/server/organizations/governance";
import type { AuditLogFilters } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The filters narrowed to the history the organization's plan reads (`audit_log_days`). Asking
 * for older entries explicitly is a 403 `plan` naming the plan that reads them, rather than a
 * silently short answer; the entries themselves are kept (a downgrade deletes nothing), so an
 * upgrade shows them again.
 */
export async function withinPlanHistory(
  organizationId: string,
  filters: AuditLogFilters,
): Promise<AuditLogFilters> {
  const { entitlements } = await cachedGovernance(organizationId);
  const days = entitlements.audit_log_days;
  const start = new Date(nowMs() - days * DAY_MS);
  if (filters.from && filters.from < start) {
    const upgrade = requiredPlan("audit_log_days", days);
    if (upgrade) throw notInPlan("audit_log_days", upgrade, { audit_log_days: days });
  }
  return { ...filters, from: filters.from && filters.from > start ? filters.from : start };
}

/** Whether an entry is within the history the organization's plan reads. */
export async function isWithinPlanHistory(organizationId: string, at: Date): Promise<boolean> {
  const { entitlements } = await cachedGovernance(organizationId);
  return at.getTime() >= nowMs() - entitlements.audit_log_days * DAY_MS;
}
