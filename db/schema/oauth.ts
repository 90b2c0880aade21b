import { sql } from "drizzle-orm";
import {
  check,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { Scope } from "@/lib/scopes";
import { organizations, users } from "./tenancy";

export const OAUTH_CLIENT_TYPES = ["confidential", "public"] as const;
export type OAuthClientType = (typeof OAUTH_CLIENT_TYPES)[number];
export const OAUTH_REGISTRATIONS = ["dashboard", "dynamic"] as const;
export type OAuthRegistration = (typeof OAUTH_REGISTRATIONS)[number];

/**
 * A third-party app (an OAuth client). Its `id` is its public `client_id`. Apps registered in the
 * dashboard or the API belong to an organization; dynamically registered ones (RFC 7591: MCP
 * clients, CLIs) belong to nobody, are always public and always show the consent screen.
 * Deleting an app deletes its secrets, grants and every token issued under them (cascade).
 */
export const oauthApps = pgTable(
  "oauth_apps",
  {
    id: text().primaryKey(),
    organizationId: text().references(() => organizations.id, { onDelete: "cascade" }),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    name: text().notNull(),
    homepageUrl: text(),
    redirectUris: text().array().notNull(),
    clientType: text({ enum: OAUTH_CLIENT_TYPES }).notNull(),
    registration: text({ enum: OAUTH_REGISTRATIONS }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The list's keyset order (created_at desc, id desc) within one organization.
    index("oauth_apps_organization_idx").on(t.organizationId, t.createdAt, t.id),
    check(
      "oauth_apps_dynamic_is_public",
      sql`${t.registration} = 'dashboard' or (${t.clientType} = 'public' and ${t.organizationId} is null)`,
    ),
  ],
);

/**
 * Client secrets (`vlt_cs_…`) of a confidential app, stored as SHA-256 hashes. Two may be live at
 * once, so that an app rotates with no downtime: add the new one, deploy it, delete the old one.
 */
export const oauthClientSecrets = pgTable(
  "oauth_client_secrets",
  {
    id: text().primaryKey(),
    appId: text()
      .notNull()
      .references(() => oauthApps.id, { onDelete: "cascade" }),
    secretHash: text().notNull(),
    last4: text().notNull(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("oauth_client_secrets_secret_hash_key").on(t.secretHash),
    index("oauth_client_secrets_app_idx").on(t.appId),
  ],
);

/**
 * What a user allowed an app to do in one organization (the consent). Tokens hang off a grant;
 * revoking it (the user, an owner, the app's deletion, the member's removal) ends all of them.
 */
export const oauthGrants = pgTable(
  "oauth_grants",
  {
    id: text().primaryKey(),
    appId: text()
      .notNull()
      .references(() => oauthApps.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    scopes: text().array().notNull().$type<Scope[]>(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("oauth_grants_user_idx").on(t.userId, t.createdAt),
    index("oauth_grants_organization_idx").on(t.organizationId, t.createdAt),
    index("oauth_grants_app_idx").on(t.appId),
  ],
);

/**
 * The authorization server's own records (codes, tokens, device codes, interactions, sessions),
 * one row per record, keyed by kind and id. Ids of bearer records (tokens, codes) are stored as
 * SHA-256 hashes, never in clear. `grantId` lets a grant's revocation delete all of its records.
 */
export const oauthStore = pgTable(
  "oauth_store",
  {
    kind: text().notNull(),
    id: text().notNull(),
    payload: jsonb().notNull(),
    grantId: text(),
    userCode: text(),
    uid: text(),
    expiresAt: timestamp({ withTimezone: true }),
    consumedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "oauth_store_pkey", columns: [t.kind, t.id] }),
    index("oauth_store_grant_idx").on(t.grantId),
    index("oauth_store_user_code_idx").on(t.userCode),
    index("oauth_store_uid_idx").on(t.uid),
    index("oauth_store_expires_idx").on(t.expiresAt),
  ],
);
