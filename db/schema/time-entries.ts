import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organizations, users } from "./tenancy";

export const timeEntries = pgTable(
  "time_entries",
  {
    id: text().primaryKey(),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    description: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    durationMinutes: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The list's keyset order (created_at desc, id desc) within one organization.
    index("time_entries_organization_idx").on(t.organizationId, t.createdAt, t.id),
    check("time_entries_duration_check", sql`${t.durationMinutes} > 0`),
  ],
);
