import { and, desc, eq, type SQL } from "drizzle-orm";
import { timeEntries } from "@/db/schema";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { afterCursor, cursorTime, type Page, toPage } from "@/server/core/pagination";
import { publicTimeEntryColumns, toPublicTimeEntry } from "./public-time-entry";
import type { ListTimeEntriesQuery, PublicTimeEntry } from "./schemas";

/**
 * One page of the organization's time entries, the most recently recorded first (created_at,
 * then id). The organization is required and in every query, so no cursor crosses into another.
 */
export async function listTimeEntries(
  viewer: Viewer,
  query: ListTimeEntriesQuery,
): Promise<Page<PublicTimeEntry>> {
  requireScope(viewer, "read:time-entries");
  const where: SQL[] = [eq(timeEntries.organizationId, viewer.organization.id)];
  if (query.cursor) where.push(afterCursor(timeEntries.createdAt, timeEntries.id, query.cursor));
  const rows = await viewer.db
    .select({ ...publicTimeEntryColumns, cursorTime: cursorTime(timeEntries.createdAt) })
    .from(timeEntries)
    .where(and(...where))
    .orderBy(desc(timeEntries.createdAt), desc(timeEntries.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toPublicTimeEntry);
}
