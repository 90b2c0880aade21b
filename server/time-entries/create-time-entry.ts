import { timeEntries } from "@/db/schema";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { publicTimeEntryColumns, toPublicTimeEntry } from "./public-time-entry";
import type { CreateTimeEntryInput, PublicTimeEntry } from "./schemas";

/** Records time for the caller in its current organization: who and where never come from the body. */
export async function createTimeEntry(
  ctx: AuthContext,
  input: CreateTimeEntryInput,
): Promise<PublicTimeEntry> {
  requireScope(ctx, "write:time-entries");
  const [row] = await ctx.db
    .insert(timeEntries)
    .values({
      id: newId("te"),
      organizationId: ctx.organization.id,
      userId: ctx.user.id,
      description: input.description,
      startedAt: new Date(input.started_at),
      durationMinutes: input.duration_minutes,
      createdAt: now(),
    })
    .returning(publicTimeEntryColumns);
  if (!row) throw new Error("insert into time_entries returned no row");
  return toPublicTimeEntry(row);
}
