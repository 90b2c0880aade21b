import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { timeEntries } from "@/db/schema";
import { publicTimeEntryColumns, toPublicTimeEntry } from "./public-time-entry";
import type { ListTimeEntriesQuery, PublicTimeEntry } from "./schemas";

/** The organization's time entries, newest first; the organization is required by design. */
export async function listTimeEntries(
  organizationId: string,
  query: ListTimeEntriesQuery,
): Promise<PublicTimeEntry[]> {
  const db = await getDb();
  const rows = await db
    .select(publicTimeEntryColumns)
    .from(timeEntries)
    .where(eq(timeEntries.organizationId, organizationId))
    .orderBy(desc(timeEntries.startedAt), desc(timeEntries.createdAt), desc(timeEntries.id))
    .limit(query.limit);
  return rows.map(toPublicTimeEntry);
}
