import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { PLANS } from "@/lib/plans";
import { ROLES } from "@/lib/roles";

export const KEY_CREATORS = ["members", "admins"] as const;

export const organizations = pgTable(
  "organizations",
  {
    id: text().primaryKey(),
    name: text().notNull(),
    slug: text().notNull(),
    // Which third-party apps its members may authorize: any app, or only apps it registered.
    thirdPartyAccess: text({ enum: ["any", "own_apps"] })
      .notNull()
      .default("any"),
    // What the organization may use (lib/plans.ts); new organizations get DEFAULT_PLAN.
    plan: text({ enum: PLANS }).notNull().default("enterprise"),
    // Credential policies its owners set (null or false: off). See server/organizations/governance.ts.
    maxKeyLifetimeDays: integer(),
    revokeUnusedAfterDays: integer(),
    keyCreators: text({ enum: KEY_CREATORS }).notNull().default("members"),
    requireKeyApproval: boolean().notNull().default(false),
    requireAllowlistForLiveKeys: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organizations_slug_key").on(t.slug),
    check("organizations_plan_check", sql`${t.plan} in ('free', 'team', 'enterprise')`),
    check("organizations_key_creators_check", sql`${t.keyCreators} in ('members', 'admins')`),
    check("organizations_max_key_lifetime_check", sql`${t.maxKeyLifetimeDays} between 1 and 3650`),
    check("organizations_revoke_unused_check", sql`${t.revokeUnusedAfterDays} between 14 and 3650`),
  ],
);

export const users = pgTable(
  "users",
  {
    id: text().primaryKey(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    isPlatformAdmin: boolean().notNull().default(false),
    disabledAt: timestamp({ withTimezone: true }),
    // Browser sessions issued before this instant are refused ("sign out everywhere").
    sessionsValidAfter: timestamp({ withTimezone: true }),
    // When someone proved they receive mail at `email` (a reset or verification link, or an
    // operator vouching at creation); null: whoever set the password may not own the address.
    emailVerifiedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

export const memberships = pgTable(
  "memberships",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    role: text({ enum: ROLES }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "memberships_pkey", columns: [t.userId, t.organizationId] }),
    // The member list's keyset order (joined desc, user id desc) within one organization.
    index("memberships_organization_idx").on(t.organizationId, t.createdAt, t.userId),
    check("memberships_role_check", sql`${t.role} in ('member', 'admin', 'owner')`),
  ],
);
