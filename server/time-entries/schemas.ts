import { z } from "zod";

export const DESCRIPTION_MAX = 500;
export const MAX_DURATION_MINUTES = 24 * 60;
export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 100;

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

export const listTimeEntriesQuerySchema = z.object({
  // Query strings are text: coerce, then hold to the same bounds as any number.
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(LIST_LIMIT_MAX, `limit must be at most ${LIST_LIMIT_MAX}`)
    .default(LIST_LIMIT_DEFAULT),
});

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
