import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./tenancy";

/**
 * Browser sessions: one row per sign-in, so Settings > Account can list them. A session is a
 * signed JWT the server cannot take back, so "Sign out" and "Revoke" set `endedAt` and every
 * session read refuses it from then on; rows are pruned once the JWT would have expired anyway.
 * A session whose JWT has no row yet (signed in before rows were kept) gets one on its next read.
 */
export const browserSessions = pgTable(
  "browser_sessions",
  {
    // The JWT's `sid`: random, never a credential on its own (the JWT's signature is).
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // Sign-in: the JWT's `signedInAt`, never moved.
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Sign-in + 24 h: the session is over after it, and the row can be pruned.
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    // Signed out or revoked: refused from then on, on every instance.
    endedAt: timestamp({ withTimezone: true }),
    // Written at most once every few minutes per session (session-activity.ts).
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // The browser's User-Agent and address as last seen, for people to recognise the device.
    userAgent: text().notNull().default(""),
    ip: text().notNull().default(""),
  },
  (t) => [
    index("browser_sessions_expires_idx").on(t.expiresAt),
    index("browser_sessions_user_idx").on(t.userId, t.expiresAt),
  ],
);
