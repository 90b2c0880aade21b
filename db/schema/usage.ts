import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { organizations } from "./tenancy";

/**
 * Per-minute request counts per token, route pattern, method and status class. Written by the
 * usage flusher as one multi-row upsert per batch.
 */
export const usageBuckets = pgTable(
  "usage_buckets",
  {
    tokenId: text().notNull(),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    bucketStart: timestamp({ withTimezone: true }).notNull(),
    route: text().notNull(),
    method: text().notNull(),
    statusClass: text().notNull(),
    count: integer().notNull(),
    rateLimited: integer().notNull().default(0),
    // The 4xx answers people ask about by code (429 is rateLimited): who is refused, and why.
    unauthorized: integer().notNull().default(0),
    forbidden: integer().notNull().default(0),
    notFound: integer().notNull().default(0),
    totalLatencyMs: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({
      name: "usage_buckets_pkey",
      columns: [t.tokenId, t.bucketStart, t.route, t.method, t.statusClass],
    }),
    index("usage_buckets_organization_idx").on(t.organizationId, t.bucketStart),
    // The roll-up's work lists (server/maintenance/roll-up-usage.ts): rows finer than an hour,
    // and finer than a day. Once rolled up, old rows leave these indexes, so each run reads
    // only what is left to do rather than every old row again.
    index("usage_buckets_sub_hour_idx")
      .on(t.bucketStart)
      .where(sql`bucket_start <> date_bin('1 hour', bucket_start, '1970-01-01T00:00:00Z')`),
    index("usage_buckets_sub_day_idx")
      .on(t.bucketStart)
      .where(sql`bucket_start <> date_bin('1 day', bucket_start, '1970-01-01T00:00:00Z')`),
  ],
);

/**
 * Ids of the usage batches already written, inserted in the batch's own transaction. A flush
 * whose connection died after COMMIT but before the reply retries with the same id and finds it
 * here, so no call is counted twice. Ids older than a day are pruned (a retry comes within
 * seconds).
 */
export const usageBatches = pgTable(
  "usage_batches",
  {
    id: text().primaryKey(),
    writtenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("usage_batches_written_at_idx").on(t.writtenAt)],
);
