import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, real, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per /api/v1 request made with a credential we know (refusals of a revoked, expired
 * or misplaced key included), written in batches off the request path. Bodies are never kept.
 *
 * The migration creates it partitioned by day on `created_at` (request-log-partitions.ts makes
 * each day's partition and drops those past retention), so the key holds `created_at`. No
 * foreign keys: a row outlives nothing it points at by more than the retention period.
 */
export const requestLogs = pgTable(
  "request_logs",
  {
    /** The X-Request-Id the caller was sent (`req_…`). */
    requestId: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** The credential's own organization: whose log shows the request. */
    organizationId: text().notNull(),
    /** Who holds the credential: a member reads the requests of their own credentials. */
    userId: text().notNull(),
    credentialType: text().notNull(),
    credentialId: text().notNull(),
    method: text().notNull(),
    /** The route pattern (`/api-keys/{id}`), or `(unmatched)`. */
    route: text().notNull(),
    path: text().notNull(),
    status: integer().notNull(),
    errorCode: text(),
    reason: text(),
    latencyMs: real().notNull(),
    ip: text().notNull(),
    userAgent: text(),
  },
  (t) => [
    primaryKey({ name: "request_logs_pkey", columns: [t.requestId, t.createdAt] }),
    // The organization's log and a key's recent requests, each newest first. A member's own
    // requests are read through the organization's index: every index costs each written row
    // (~70 us on PGlite), and the log is written for every call.
    index("request_logs_organization_idx").on(
      t.organizationId,
      sql`${t.createdAt} desc`,
      sql`${t.requestId} desc`,
    ),
    index("request_logs_credential_idx").on(
      t.credentialId,
      sql`${t.createdAt} desc`,
      sql`${t.requestId} desc`,
    ),
  ],
);
