import { z } from "zod";

export const COMPONENTS = [
  { id: "api", name: "API" },
  { id: "database", name: "Database" },
  { id: "cache", name: "Cache" },
  { id: "bus", name: "Invalidation bus" },
] as const;
export type ComponentId = (typeof COMPONENTS)[number]["id"];
export const COMPONENT_IDS = COMPONENTS.map((c) => c.id) as [ComponentId, ...ComponentId[]];

export const COMPONENT_STATUSES = ["operational", "degraded", "outage"] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** Atlassian Statuspage's stages: each update of an incident names the one it has reached. */
export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** How many days of uptime the page shows. */
export const UPTIME_DAYS = 90;
export const TITLE_MAX = 200;
export const MESSAGE_MAX = 5_000;

const incidentStatusSchema = z.enum(INCIDENT_STATUSES, {
  error: `status must be one of ${INCIDENT_STATUSES.join(", ")}`,
});
const messageSchema = z
  .string({ error: "message is required" })
  .trim()
  .min(1, "message is required")
  .max(MESSAGE_MAX, `message must be at most ${MESSAGE_MAX} characters`);
const titleSchema = z
  .string({ error: "title is required" })
  .trim()
  .min(1, "title is required")
  .max(TITLE_MAX, `title must be at most ${TITLE_MAX} characters`);

export const createIncidentSchema = z
  .object({
    title: titleSchema,
    status: incidentStatusSchema.default("investigating"),
    message: messageSchema,
  })
  .meta({ id: "CreateIncidentRequest" });

export const updateIncidentSchema = z
  .object({
    status: incidentStatusSchema,
    message: messageSchema,
    title: titleSchema.optional(),
  })
  .meta({ id: "UpdateIncidentRequest" });

export const incidentUpdateSchema = z
  .object({
    id: z.string().meta({ example: "incu_3hT9xQ2mVb7Lk0PzR1aD" }),
    status: z.enum(INCIDENT_STATUSES),
    message: z.string(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "IncidentUpdate" });

export const incidentSchema = z
  .object({
    id: z.string().meta({ example: "inc_3hT9xQ2mVb7Lk0PzR1aD" }),
    title: z.string(),
    status: z.enum(INCIDENT_STATUSES),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
    resolved_at: z.iso.datetime().nullable(),
    /** Newest first. */
    updates: z.array(incidentUpdateSchema),
  })
  .meta({ id: "Incident" });

export const componentStateSchema = z
  .object({
    id: z.enum(COMPONENT_IDS),
    name: z.string(),
    status: z.enum(COMPONENT_STATUSES),
    detail: z.string(),
    /** Share of healthy samples over the last 90 days (0-1); null without samples. */
    uptime_90d: z.number().min(0).max(1).nullable(),
    /** One entry per UTC day, oldest first, today last. */
    days: z.array(
      z.object({
        date: z.iso.date(),
        uptime: z.number().min(0).max(1).nullable(),
        samples: z.number().int(),
      }),
    ),
  })
  .meta({ id: "StatusComponent" });

export const statusReportSchema = z
  .object({
    status: z.enum(COMPONENT_STATUSES),
    components: z.array(componentStateSchema),
    /** Open incidents, and those of the last 90 days; newest first. */
    incidents: z.array(incidentSchema),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "StatusReport" });

export type CreateIncidentInput = z.infer<typeof createIncidentSchema>;
export type UpdateIncidentInput = z.infer<typeof updateIncidentSchema>;
export type PublicIncident = z.infer<typeof incidentSchema>;
export type StatusReport = z.infer<typeof statusReportSchema>;
export type ComponentState = z.infer<typeof componentStateSchema>;
