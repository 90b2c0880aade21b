import { z } from "zod";
import { pageQuerySchema } from "@/server/core/pagination";

export const DESCRIPTION_MAX = 500;
export const MAX_DURATION_MINUTES = 24 * 60;

export const createTimeEntrySchema = z
  .object({
    description: z
      .string({ error: "description is required" })
      .trim()
      .min(1, "description is required")
      .max(DESCRIPTION_MAX, `description must be at most ${DESCRIPTION_MAX} characters`),
    started_at: z.iso.datetime({
      offset: true,
      error: "started_at must be an ISO 8601 date-time, e.g. 2024-06-13T09:00:00Z",
    }),
    duration_minutes: z
      .number({ error: "duration_minutes must be a number" })
      .int("duration_minutes must be a whole number")
      .min(1, "duration_minutes must be at least 1")
      .max(MAX_DURATION_MINUTES, `duration_minutes must be at most ${MAX_DURATION_MINUTES}`),
  })
  .meta({ id: "CreateTimeEntryRequest" });

/** GET /time-entries: `limit` and `cursor`, the most recently recorded first. */
export const listTimeEntriesQuerySchema = pageQuerySchema("te");

export const timeEntrySchema = z
  .object({
    id: z.string().meta({ example: "te_3hT9xQ2mVb7Lk0PzR1aD" }),
    user_id: z.string(),
    description: z.string(),
    started_at: z.iso.datetime(),
    duration_minutes: z.number().int(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "TimeEntry" });

export type CreateTimeEntryInput = z.infer<typeof createTimeEntrySchema>;
export type ListTimeEntriesQuery = z.infer<typeof listTimeEntriesQuerySchema>;
export type PublicTimeEntry = z.infer<typeof timeEntrySchema>;
