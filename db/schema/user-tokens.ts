import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organizations, users } from "./tenancy";

export const TOKEN_KINDS = ["access", "refresh"] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/**
 * One row per login (a family of access and refresh tokens). Refresh and revoke both lock this
 * row (SELECT … FOR UPDATE), so a refresh racing a family revocation cannot slip through on
 * PostgreSQL; `revokedAt` refuses every later refresh in the family.
 */
export const tokenFamilies = pgTable(
  "token_families",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("token_families_user_idx").on(t.userId)],
);

/**
 * Access and refresh tokens from POST /auth/token. Every token of one login shares a `familyId`,
 * so reuse of a spent refresh token can revoke the whole family at once.
 */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: text().primaryKey(),
    kind: text({ enum: TOKEN_KINDS }).notNull(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    familyId: text()
      .notNull()
      .references(() => tokenFamilies.id, { onDelete: "cascade" }),
    secretHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    // Refresh tokens are single use: set when exchanged for a new pair.
    spentAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("user_tokens_secret_hash_key").on(t.secretHash),
    index("user_tokens_family_idx").on(t.familyId),
    index("user_tokens_user_idx").on(t.userId),
  ],
);
