import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./tenancy";

/**
 * Browser sessions ended by "Sign out" before their 24 hours ran out. A session is a signed JWT
 * the server cannot take back, so its id is remembered here until it would have expired anyway.
 */
export const endedSessions = pgTable(
  "ended_sessions",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    endedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // When the session would have expired: rows past it can be pruned.
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("ended_sessions_expires_idx").on(t.expiresAt)],
);
