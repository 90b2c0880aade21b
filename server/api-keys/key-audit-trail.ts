import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { auditLogs, users } from "@/db/schema";
import { AUDIT_ACTIONS } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/auth-context";
import { findAccessibleKey, seesAllKeys } from "./find-api-key";

export const keyAuditEntrySchema = z
  .object({
    id: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    actor: z
      .object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() })
      .nullable(),
    credential: z.string().nullable().meta({
      description: 'Key or token id used, or "session"; null for members viewing someone else',
    }),
    ip: z.string().nullable().meta({ description: "null for members viewing someone else" }),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "ApiKeyAuditEntry" });

/**
 * What happened to one key (created, renamed, rotated, revoked), newest first. A member sees who
 * else acted on their key by name only: another person's email, IP address and credential id
 * are for admins and owners, who answer for the organization's security.
 */
export async function keyAuditTrail(ctx: AuthContext, id: string) {
  const db = await getDb();
  const key = await findAccessibleKey(db, ctx, id);
  const rows = await db
    .select({
      id: auditLogs.id,
      action: auditLogs.action,
      actorId: auditLogs.actorUserId,
      actorName: users.name,
      actorEmail: users.email,
      credential: auditLogs.actorTokenId,
      ip: auditLogs.ip,
      metadata: auditLogs.metadata,
      createdAt: auditLogs.createdAt,
    })
    .from(auditLogs)
    .leftJoin(users, eq(users.id, auditLogs.actorUserId))
    .where(and(eq(auditLogs.organizationId, ctx.organization.id), eq(auditLogs.targetId, key.id)))
    .orderBy(desc(auditLogs.createdAt))
    .limit(100);
  const seesAll = seesAllKeys(ctx);
  return rows.map((r) => {
    const visible = seesAll || r.actorId === ctx.user.id;
    return {
      id: r.id,
      action: r.action as z.infer<typeof keyAuditEntrySchema>["action"],
      actor: r.actorId
        ? { id: r.actorId, name: r.actorName, email: visible ? r.actorEmail : null }
        : null,
      credential: visible ? r.credential : null,
      ip: visible ? r.ip : null,
      metadata: r.metadata,
      created_at: r.createdAt.toISOString(),
    };
  });
}
