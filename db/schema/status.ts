import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { users } from "./tenancy";

/**
 * One health sample per instance, component and minute (server/status/sample-schedule.ts). Only
 * the current UTC day stays here: the maintenance job rolls whole days up into status_daily.
 */
export const statusSamples = pgTable(
  "status_samples",
  {
    instance: text().notNull(),
    component: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    ok: boolean().notNull(),
  },
  (t) => [
    primaryKey({ name: "status_samples_pkey", columns: [t.instance, t.component, t.at] }),
    index("status_samples_at_idx").on(t.at),
  ],
);

/** Samples of one UTC day per component, all instances together: the status page's 90 bars. */
export const statusDaily = pgTable(
  "status_daily",
  {
    component: text().notNull(),
    day: date({ mode: "string" }).notNull(),
    okCount: integer().notNull(),
    total: integer().notNull(),
  },
  (t) => [
    primaryKey({ name: "status_daily_pkey", columns: [t.component, t.day] }),
    index("status_daily_day_idx").on(t.day),
  ],
);

/** An incident on the public status page; `status` is that of its latest update. */
export const statusIncidents = pgTable(
  "status_incidents",
  {
    id: text().primaryKey(),
    title: text().notNull(),
    status: text().notNull(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("status_incidents_created_at_idx").on(t.createdAt)],
);

/** What platform admins said about an incident, in order: each moves its status on. */
export const statusIncidentUpdates = pgTable(
  "status_incident_updates",
  {
    id: text().primaryKey(),
    incidentId: text()
      .notNull()
      .references(() => statusIncidents.id, { onDelete: "cascade" }),
    status: text().notNull(),
    message: text().notNull(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("status_incident_updates_incident_idx").on(t.incidentId, t.createdAt)],
);
