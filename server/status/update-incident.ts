import { eq } from "drizzle-orm";
import { statusIncidents } from "@/db/schema";
import { now } from "@/lib/clock";
import { isId } from "@/lib/ids";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { publishedIncident, recordIncidentUpdate } from "./incident-update";
import type { PublicIncident, UpdateIncidentInput } from "./schemas";

/**
 * PATCH /status/incidents/{id}: a platform admin posts an update, which moves the incident to
 * its status (resolved sets resolved_at; a later update reopens it) and may retitle it.
 */
export async function updateIncident(
  ctx: AuthContext,
  id: string,
  input: UpdateIncidentInput,
): Promise<PublicIncident> {
  requireScope(ctx, "admin:organizations");
  if (!isId("inc", id)) throw new ApiError("NOT_FOUND", "No incident with this id");
  const at = now();
  const incident = await ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: statusIncidents.id, resolvedAt: statusIncidents.resolvedAt })
      .from(statusIncidents)
      .where(eq(statusIncidents.id, id))
      .for("update");
    if (!current) throw new ApiError("NOT_FOUND", "No incident with this id");
    const resolved = input.status === "resolved";
    const [row] = await tx
      .update(statusIncidents)
      .set({
        status: input.status,
        updatedAt: at,
        resolvedAt: resolved ? (current.resolvedAt ?? at) : null,
        ...(input.title ? { title: input.title } : {}),
      })
      .where(eq(statusIncidents.id, id))
      .returning();
    await recordIncidentUpdate(tx, {
      incidentId: id,
      status: input.status,
      message: input.message,
      userId: ctx.user.id,
      at,
    });
    if (!row) throw new Error("update of status_incidents returned no row");
    return row;
  });
  return publishedIncident(incident);
}
