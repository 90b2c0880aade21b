import { getDb } from "@/db";
import { timeEntries } from "@/db/schema";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { publicTimeEntryColumns, toPublicTimeEntry } from "./public-time-entry";
import type { CreateTimeEntryInput, PublicTimeEntry } from "./schemas";

/** Records time for a user in an organization; the caller decides who and where, never the body. */
export async function createTimeEntry(
  organizationId: string,
  userId: string,
  input: CreateTimeEntryInput,
): Promise<PublicTimeEntry> {
  const db = await getDb();
  const [row] = await db
    .insert(timeEntries)
    .values({
      id: newId("te"),
      organizationId,
      userId,
      description: input.description,
      startedAt: new Date(input.started_at),
      durationMinutes: input.duration_minutes,
      createdAt: now(),
    })
    .returning(publicTimeEntryColumns);
  if (!row) throw new Error("insert into time_entries returned no row");
  return toPublicTimeEntry(row);
}
