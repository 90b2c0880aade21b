import { and, desc, eq } from "drizzle-orm";
import { auditLogs, users } from "@/db/schema";
import { auditEntryColumns, toAuditEntry } from "@/server/audit/list-audit-logs";
import type { AuditEntryView } from "@/server/audit/schemas";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { findAccessibleKey, seesAllKeys } from "./find-api-key";

/**
 * What happened to one key (created, renamed, rotated, revoked), newest first, in the shape of
 * the organization's audit log. A member sees who else acted on their key by name only: another
 * person's email, IP address and credential id are for admins and owners, who answer for the
 * organization's security.
 */
export async function keyAuditTrail(ctx: AuthContext, id: string): Promise<AuditEntryView[]> {
  requireScope(ctx, "read:api-keys");
  const key = await findAccessibleKey(ctx.db, ctx, id);
  const rows = await ctx.db
    .select(auditEntryColumns)
    .from(auditLogs)
    .leftJoin(users, eq(users.id, auditLogs.actorUserId))
    .where(and(eq(auditLogs.organizationId, ctx.organization.id), eq(auditLogs.targetId, key.id)))
    .orderBy(desc(auditLogs.createdAt))
    .limit(100);
  const seesAll = seesAllKeys(ctx);
  return rows.map((row) => {
    const visible = seesAll || row.actorId === ctx.user.id;
    return toAuditEntry(visible ? row : { ...row, actorEmail: null, credential: null, ip: null });
  });
}
