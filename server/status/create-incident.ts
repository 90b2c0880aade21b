import { statusIncidents } from "@/db/schema";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { publishedIncident, recordIncidentUpdate } from "./incident-update";
import type { CreateIncidentInput, PublicIncident } from "./schemas";

/** POST /status/incidents: a platform admin opens an incident on the public status page. */
export async function createIncident(
  ctx: AuthContext,
  input: CreateIncidentInput,
): Promise<PublicIncident> {
  // Only platform admins hold admin:organizations (a key's scopes never exceed its holder's).
  requireScope(ctx, "admin:organizations");
  const at = now();
  const id = newId("inc");
  const resolvedAt = input.status === "resolved" ? at : null;
  const incident = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(statusIncidents)
      .values({
        id,
        title: input.title,
        status: input.status,
        createdBy: ctx.user.id,
        createdAt: at,
        updatedAt: at,
        resolvedAt,
      })
      .returning();
    await recordIncidentUpdate(tx, {
      incidentId: id,
      status: input.status,
      message: input.message,
      userId: ctx.user.id,
      at,
    });
    if (!row) throw new Error("insert into status_incidents returned no row");
    return row;
  });
  return publishedIncident(incident);
}
