import { and, eq } from "drizzle-orm";
import { auditLogs, users } from "@/db/schema";
import { isId } from "@/lib/ids";
import type { Viewer } from "@/server/auth/auth-context";
import { organizationNotAllowed } from "@/server/auth/refusals";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { isWithinPlanHistory } from "./audit-history";
import { auditEntryColumns, toAuditEntry } from "./list-audit-logs";
import type { AuditEntryView } from "./schemas";

const NOT_FOUND = "No audit entry with this id";

/**
 * GET /audit-logs/{id} and the audit log's detail view: one entry of the current organization.
 * Another organization's entry is a 403 (it exists, not for you) and reveals nothing of it; an
 * id that exists nowhere, or is not an audit id at all, is a 404.
 */
export async function getAuditEntry(ctx: Viewer, id: string): Promise<AuditEntryView> {
  requireScope(ctx, "read:audit-logs");
  if (!isId("aud", id)) throw new ApiError("NOT_FOUND", NOT_FOUND);
  const [row] = await ctx.db
    .select(auditEntryColumns)
    .from(auditLogs)
    .leftJoin(users, eq(users.id, auditLogs.actorUserId))
    .where(and(eq(auditLogs.id, id), eq(auditLogs.organizationId, ctx.organization.id)));
  // Past the plan's history an entry reads as missing (it is kept, for an upgrade).
  if (row && (await isWithinPlanHistory(ctx.organization.id, row.createdAt))) {
    return toAuditEntry(row);
  }
  if (row) throw new ApiError("NOT_FOUND", NOT_FOUND);
  const [elsewhere] = await ctx.db
    .select({ id: auditLogs.id })
    .from(auditLogs)
    .where(eq(auditLogs.id, id));
  if (elsewhere) throw organizationNotAllowed();
  throw new ApiError("NOT_FOUND", NOT_FOUND);
}
