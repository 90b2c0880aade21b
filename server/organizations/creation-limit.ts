import { and, count, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { auditLogs, users } from "@/db/schema";
import { env } from "@/lib/env";
import { ApiError } from "@/server/core/api-error";

/**
 * Refuses one more organization when the user has already created MAX_ORGANIZATIONS_PER_USER.
 *
 * Counted from the `organization.created` audit rows the user is the actor of, not from the
 * organizations it owns: ownership can be handed to another account (or shared, then given up),
 * which would free a slot for every organization a squatter creates; the audit row of the
 * creation stays with the organization whoever owns it. Organizations made by an operator
 * (`user:create --new-org`, no actor) do not count. A creation older than AUDIT_RETENTION_DAYS
 * leaves the log and stops counting: the cap is per retention period at worst.
 *
 * Platform admins are exempt: they administer the platform (setting up organizations for others
 * is their job) and can enter every organization anyway.
 *
 * The user's row is locked first (FOR NO KEY UPDATE, which still lets other rows reference the
 * user), so two concurrent creations by one account cannot both see room for one more.
 */
export async function assertBelowOrganizationCap(tx: Tx, userId: string): Promise<void> {
  const [user] = await tx
    .select({ isPlatformAdmin: users.isPlatformAdmin })
    .from(users)
    .where(eq(users.id, userId))
    .for("no key update");
  if (!user || user.isPlatformAdmin) return;
  const limit = env().MAX_ORGANIZATIONS_PER_USER;
  const [row] = await tx
    .select({ created: count() })
    .from(auditLogs)
    .where(and(eq(auditLogs.action, "organization.created"), eq(auditLogs.actorUserId, userId)));
  if ((row?.created ?? 0) >= limit) {
    throw new ApiError(
      "CONFLICT",
      `You have already created ${limit} organizations, the most one account can create. Ask a platform admin if you need more.`,
      { limit },
    );
  }
}
