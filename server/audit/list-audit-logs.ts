import { and, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLogs, users } from "@/db/schema";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { afterCursor, type Cursor, cursorTime, type Page, toPage } from "@/server/core/pagination";
import { withinPlanHistory } from "./audit-history";
import type { AuditTargetType } from "./record-audit";
import type { AuditEntryView, AuditLogFilters, ListAuditLogsQuery } from "./schemas";

/** The columns an audit entry is served from, with the actor's name and email. */
export const auditEntryColumns = {
  id: auditLogs.id,
  action: auditLogs.action,
  actorId: auditLogs.actorUserId,
  actorName: users.name,
  actorEmail: users.email,
  credential: auditLogs.actorTokenId,
  targetType: auditLogs.targetType,
  targetId: auditLogs.targetId,
  ip: auditLogs.ip,
  metadata: auditLogs.metadata,
  createdAt: auditLogs.createdAt,
};

export interface AuditEntryRow {
  id: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  credential: string | null;
  targetType: string;
  targetId: string;
  ip: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
}

export function toAuditEntry(row: AuditEntryRow): AuditEntryView {
  return {
    id: row.id,
    action: row.action as AuditEntryView["action"],
    actor: row.actorId ? { id: row.actorId, name: row.actorName, email: row.actorEmail } : null,
    credential: row.credential,
    target: { type: row.targetType as AuditTargetType, id: row.targetId },
    ip: row.ip,
    metadata: row.metadata,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * One page of an organization's audit log matching `filters`, newest first. The organization is
 * a required argument, so no caller can read another organization's entries by leaving it out.
 */
export async function auditLogPage(
  db: Db,
  organizationId: string,
  filters: AuditLogFilters,
  page: { limit: number; cursor?: Cursor },
): Promise<Page<AuditEntryView>> {
  const where: SQL[] = [eq(auditLogs.organizationId, organizationId)];
  if (filters.actor) where.push(eq(auditLogs.actorUserId, filters.actor));
  if (filters.action) where.push(inArray(auditLogs.action, filters.action));
  if (filters.target) where.push(eq(auditLogs.targetId, filters.target));
  if (filters.from) where.push(gte(auditLogs.createdAt, filters.from));
  if (filters.to) where.push(lt(auditLogs.createdAt, filters.to));
  if (page.cursor) where.push(afterCursor(auditLogs.createdAt, auditLogs.id, page.cursor));
  const rows = await db
    .select({ ...auditEntryColumns, cursorTime: cursorTime(auditLogs.createdAt) })
    .from(auditLogs)
    .leftJoin(users, eq(users.id, auditLogs.actorUserId))
    .where(and(...where))
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, toAuditEntry);
}

/** GET /audit-logs and Settings > Audit log: the current organization's log. */
export async function listAuditLogs(
  ctx: Viewer,
  query: ListAuditLogsQuery,
): Promise<Page<AuditEntryView>> {
  requireScope(ctx, "read:audit-logs");
  const { limit, cursor, ...filters } = query;
  const within = await withinPlanHistory(ctx.organization.id, filters);
  return auditLogPage(ctx.db, ctx.organization.id, within, { limit, cursor });
}
