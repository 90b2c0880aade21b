import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { ROLES } from "@/lib/roles";
import { organizations, users } from "./tenancy";

/**
 * Invitations by link: only the SHA-256 of the token is stored. Pending means not accepted, not
 * revoked and not expired; a used, revoked or expired invitation can never be accepted again.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: text().primaryKey(),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    tokenHash: text().notNull(),
    invitedBy: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedBy: text().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    index("invitations_organization_idx").on(t.organizationId, t.createdAt),
    check("invitations_role_check", sql`${t.role} in ('member', 'admin', 'owner')`),
  ],
);

/**
 * One row (id = 1) of facts about this database: when the demo data was seeded (seeding runs
 * once per database) and the hash of the first-run setup token, while no user exists.
 */
export const instanceState = pgTable(
  "instance_state",
  {
    id: integer().primaryKey(),
    demoSeededAt: timestamp({ withTimezone: true }),
    setupTokenHash: text(),
  },
  (t) => [check("instance_state_single_row", sql`${t.id} = 1`)],
);
