import { z } from "zod";
import { defineOperation } from "@/server/core/operation";
import { createTimeEntrySchema, listTimeEntriesQuerySchema, timeEntrySchema } from "./schemas";

export const listTimeEntriesOperation = defineOperation({
  method: "GET",
  path: "/time-entries",
  summary: "List time entries",
  description:
    "The organization's time entries, the most recently recorded first, a page at a time: pass `next_cursor` as `cursor` for the next page.",
  scope: "read:time-entries",
  query: listTimeEntriesQuerySchema,
  response: {
    status: 200,
    schema: z.array(timeEntrySchema),
    description: "A page of entries",
    paginated: true,
  },
  errors: [],
});

export const createTimeEntryOperation = defineOperation({
  method: "POST",
  path: "/time-entries",
  summary: "Create a time entry",
  description: "Records time as the authenticated user.",
  scope: "write:time-entries",
  body: createTimeEntrySchema,
  example: { description: "Code review", started_at: "2026-06-13T09:00:00Z", duration_minutes: 45 },
  response: { status: 201, schema: timeEntrySchema, description: "The new entry" },
  errors: [],
});

export const TIME_ENTRY_OPERATIONS = [listTimeEntriesOperation, createTimeEntryOperation];
