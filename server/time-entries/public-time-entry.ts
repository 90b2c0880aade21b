import { timeEntries } from "@/db/schema";
import type { PublicTimeEntry } from "./schemas";

/** The columns a time entry is served with (the organization is implied by the request). */
export const publicTimeEntryColumns = {
  id: timeEntries.id,
  userId: timeEntries.userId,
  description: timeEntries.description,
  startedAt: timeEntries.startedAt,
  durationMinutes: timeEntries.durationMinutes,
  createdAt: timeEntries.createdAt,
};

export interface TimeEntryRow {
  id: string;
  userId: string;
  description: string;
  startedAt: Date;
  durationMinutes: number;
  createdAt: Date;
}

export function toPublicTimeEntry(row: TimeEntryRow): PublicTimeEntry {
  return {
    id: row.id,
    user_id: row.userId,
    description: row.description,
    started_at: row.startedAt.toISOString(),
    duration_minutes: row.durationMinutes,
    created_at: row.createdAt.toISOString(),
  };
}
