import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./tenancy";

export const EMAIL_TOKEN_PURPOSES = ["password_reset", "verify_email"] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

/**
 * Single-use links mailed to an address (password reset: 30 minutes, verification: 24 hours).
 * Only the SHA-256 of the token is stored. A reset request naming no account writes a row too,
 * with no user, so both kinds of request do the same work; such a row can never be redeemed.
 */
export const emailTokens = pgTable(
  "email_tokens",
  {
    tokenHash: text().primaryKey(),
    purpose: text({ enum: EMAIL_TOKEN_PURPOSES }).notNull(),
    userId: text().references(() => users.id, { onDelete: "cascade" }),
    // The address the link was sent to: it proves this address, and no other.
    email: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("email_tokens_user_idx").on(t.userId, t.purpose),
    index("email_tokens_expires_idx").on(t.expiresAt),
    check("email_tokens_purpose_check", sql`${t.purpose} in ('password_reset', 'verify_email')`),
  ],
);

/**
 * Mail waiting to go out (and, for a while, mail that went). Rows are written in the transaction
 * of the change that causes them and sent after commit; a failed send is retried with backoff.
 * A sender claims rows by moving `nextAttemptAt` past a lease (FOR UPDATE SKIP LOCKED), so two
 * instances never send one row at the same time. `payload` (subject and bodies) is sealed with a
 * key derived from AUTH_SECRET and cleared once the message is sent or given up.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: text().primaryKey(),
    kind: text().notNull(),
    recipient: text().notNull(),
    payload: text(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull(),
    // A message past this is useless (its link has expired): it is dropped, not sent late.
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
    failedAt: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The sender's queue: only rows still to send, in the order they are due.
    index("email_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`sent_at is null and failed_at is null`),
    index("email_outbox_created_at_idx").on(t.createdAt),
  ],
);
