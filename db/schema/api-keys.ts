import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { Scope } from "@/lib/scopes";
import { organizations, users } from "./tenancy";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: text().primaryKey(),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    createdBy: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    environment: text({ enum: ["live", "test"] }).notNull(),
    // Only the SHA-256 of the secret is stored; `prefix` and `last4` let people recognise a key.
    secretHash: text().notNull(),
    prefix: text().notNull(),
    last4: text().notNull(),
    scopes: text().array().notNull().$type<Scope[]>(),
    expiresAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    // The client address of the call that set last_used_at (written by the same usage flush).
    lastUsedIp: text(),
    // Canonical addresses and CIDR ranges the key works from; empty means anywhere.
    allowedIps: text().array().notNull().default(sql`'{}'::text[]`),
    // Requests per minute; null means the platform default (AUTHENTICATED_LIMIT).
    rateLimitPerMinute: integer(),
    // Revocation is a timestamp, never a delete: the audit trail and usage keep their key.
    revokedAt: timestamp({ withTimezone: true }),
    // Set when the organization required approval of the key: "pending" until an admin decides
    // (the key answers 401 pending_approval), then "approved" or "denied" (a denied key is revoked).
    approval: text({ enum: ["pending", "approved", "denied"] }),
    approvalDecidedBy: text().references(() => users.id, { onDelete: "set null" }),
    approvalDecidedAt: timestamp({ withTimezone: true }),
    // When the holder was warned that the unused-key policy will revoke the key (once per idle spell).
    unusedWarnedAt: timestamp({ withTimezone: true }),
    rotatedFromId: text().references((): AnyPgColumn => apiKeys.id, { onDelete: "set null" }),
    replacedById: text().references((): AnyPgColumn => apiKeys.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("api_keys_secret_hash_key").on(t.secretHash),
    // The list's keyset order (created_at desc, id desc) within one organization.
    index("api_keys_organization_idx").on(t.organizationId, t.createdAt, t.id),
    index("api_keys_created_by_idx").on(t.createdBy),
    // The expiry notices' scan: live keys by end date, not the whole table.
    index("api_keys_expiring_idx")
      .on(t.expiresAt)
      .where(sql`revoked_at is null and replaced_by_id is null and expires_at is not null`),
    check("api_keys_rate_limit_positive", sql`${t.rateLimitPerMinute} > 0`),
    check("api_keys_approval_check", sql`${t.approval} in ('pending', 'approved', 'denied')`),
    // Admins' queue: the organization's keys awaiting a decision.
    index("api_keys_pending_idx")
      .on(t.organizationId)
      .where(sql`approval = 'pending' and revoked_at is null`),
  ],
);
