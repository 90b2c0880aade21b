import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { organizations, users } from "./tenancy";

/**
 * An organization's webhook endpoint. Its signing secret (`whsec_…`) must be used in clear to
 * sign, so it is sealed (AES-256-GCM with a key derived from AUTH_SECRET, bound to the row), and
 * its SHA-256 is kept beside it so that a leaked secret is recognised like every other one.
 * After a rotation the previous secret keeps signing alongside the new one until
 * `previousSecretExpiresAt`, so receivers switch with no failed delivery.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: text().primaryKey(),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    url: text().notNull(),
    description: text(),
    events: text().array().notNull(),
    secretSealed: text().notNull(),
    secretHash: text().notNull(),
    previousSecretSealed: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    // Set when an owner turns it off ("manual") or its deliveries kept failing ("failing").
    disabledAt: timestamp({ withTimezone: true }),
    disabledReason: text({ enum: ["manual", "failing"] }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_endpoints_organization_idx").on(t.organizationId, t.createdAt, t.id),
    uniqueIndex("webhook_endpoints_secret_hash_idx").on(t.secretHash),
  ],
);

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One event to one endpoint: the outbox and the delivery log at once. Rows are written in the
 * transaction of the change they describe, so an event exists exactly when its change commits.
 * `messageId` is the `webhook-id` header: the same on every attempt and on a resend (a resend is
 * a new row with the same message), so receivers deduplicate by it. `body` is the exact JSON
 * signed and sent. Kept 30 days.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text().primaryKey(),
    endpointId: text()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    organizationId: text().notNull(),
    messageId: text().notNull(),
    eventType: text().notNull(),
    body: text().notNull(),
    status: text({ enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    responseStatus: integer(),
    latencyMs: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt, t.id),
    index("webhook_deliveries_created_at_idx").on(t.createdAt),
    check(
      "webhook_deliveries_status_check",
      sql`${t.status} in ('pending', 'delivered', 'failed')`,
    ),
  ],
);

/**
 * Notices already given about a credential (`expiring_7d`, `expiring_1d`, `expired`): the
 * primary key makes each one happen once, whichever instance's scan finds it first.
 */
export const credentialNotices = pgTable(
  "credential_notices",
  {
    credentialId: text().notNull(),
    kind: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.credentialId, t.kind] })],
);
