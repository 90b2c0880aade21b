import { and, eq, gte, lt } from "drizzle-orm";
import { usageBuckets } from "@/db/schema";
import { findAccessibleKey } from "@/server/api-keys/find-api-key";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import type { KeyUsageReport, UsageQuery } from "./schemas";
import { usageReport } from "./usage-report";

/**
 * One key's request counts for the dashboard chart: a zero-filled series by status class, totals
 * and the busiest routes. Tenancy comes from findAccessibleKey; the bucket query is scoped to the
 * key's organization as well.
 */
export async function keyUsageReport(
  viewer: Viewer,
  keyId: string,
  query: UsageQuery,
): Promise<KeyUsageReport> {
  requireScope(viewer, "read:api-keys");
  const { db } = viewer;
  const key = await findAccessibleKey(db, viewer, keyId);
  const report = await usageReport(
    db,
    and(
      eq(usageBuckets.tokenId, key.id),
      eq(usageBuckets.organizationId, key.organizationId),
      gte(usageBuckets.bucketStart, new Date(query.start)),
      lt(usageBuckets.bucketStart, query.to),
    ),
    query,
  );
  return { key_id: key.id, ...report, last_used_at: key.lastUsedAt?.toISOString() ?? null };
}
