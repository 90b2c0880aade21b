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
  ],
);
